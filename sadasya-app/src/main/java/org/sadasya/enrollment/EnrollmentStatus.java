package org.sadasya.enrollment;

/** Where an enrolment stands. RECEIVED and PROCESSING are transient; the others are decisions. */
public enum EnrollmentStatus {
    RECEIVED, PROCESSING, ACCEPTED, REJECTED, REVIEW
}
