package org.sadasya.signals;

import org.sadasya.decision.BoothDistance;

/**
 * OUTSIDE_BOOTH: the share of located enrolments taken outside their booth's radius, measured as
 * FIELD_PRESENCE measures it ({@link BoothDistance}: the nearest point the GPS accuracy allows).
 */
final class OutsideBoothSignal extends RateSignal {

    OutsideBoothSignal(SignalThresholds t) {
        super(t.outsideBoothRate(), t.minEnrolments(), t.maxEvidenceIds());
    }

    @Override
    public String code() {
        return "OUTSIDE_BOOTH";
    }

    @Override
    boolean counts(WorkerEnrolment e) {
        return e.position() != null && e.booth() != null && e.boothRadiusMeters() != null;
    }

    @Override
    boolean shows(WorkerEnrolment e) {
        return BoothDistance.of(e.position(), e.accuracyMeters(), e.booth(), e.boothRadiusMeters()).outside();
    }
}
