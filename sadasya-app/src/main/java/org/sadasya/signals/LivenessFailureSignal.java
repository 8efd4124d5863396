package org.sadasya.signals;

/**
 * LIVENESS_FAILURE: the share of the worker's enrolments whose stored LIVENESS result did not PASS
 * (a spoof or a doubt: a photo of a photo or of a screen, or a challenge not followed).
 */
final class LivenessFailureSignal extends RateSignal {

    LivenessFailureSignal(SignalThresholds t) {
        super(t.livenessFailureRate(), t.minEnrolments(), t.maxEvidenceIds());
    }

    @Override
    public String code() {
        return "LIVENESS_FAILURE";
    }

    @Override
    boolean counts(WorkerEnrolment e) {
        return e.outcome("LIVENESS") != null;
    }

    @Override
    boolean shows(WorkerEnrolment e) {
        return !"PASS".equals(e.outcome("LIVENESS"));
    }
}
