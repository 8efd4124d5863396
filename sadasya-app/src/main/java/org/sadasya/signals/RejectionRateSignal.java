package org.sadasya.signals;

/** REJECTION_RATE: the share of the worker's decided enrolments that were rejected (by the rules or a reviewer). */
final class RejectionRateSignal extends RateSignal {

    RejectionRateSignal(SignalThresholds t) {
        super(t.rejectionRate(), t.minEnrolments(), t.maxEvidenceIds());
    }

    @Override
    public String code() {
        return "REJECTION_RATE";
    }

    @Override
    boolean counts(WorkerEnrolment e) {
        return e.decided();
    }

    @Override
    boolean shows(WorkerEnrolment e) {
        return "REJECTED".equals(e.status());
    }
}
