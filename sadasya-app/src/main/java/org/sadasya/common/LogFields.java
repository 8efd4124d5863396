package org.sadasya.common;

/** The MDC keys the service puts in its log lines (JSON logs carry them as fields). */
public final class LogFields {
    private LogFields() {}

    /** The HTTP request's id, also sent back as {@code X-Request-Id}. */
    public static final String REQUEST_ID = "requestId";
    /** The enrolment at hand, in intake and in the verifier. */
    public static final String SUBMISSION_ID = "submissionId";
}
