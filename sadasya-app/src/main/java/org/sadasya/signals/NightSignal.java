package org.sadasya.signals;

import java.time.ZoneId;

/**
 * NIGHT: the share of enrolments taken between {@code night-from-hour} and {@code night-to-hour} in
 * the drive's zone (IST): members are not met at their doors at 2 a.m. Raised from
 * {@code night-min-enrolments} such enrolments on, at {@code night-rate} of the worker's enrolments.
 */
final class NightSignal extends RateSignal {

    private final ZoneId zone;
    private final int from;
    private final int to;

    NightSignal(SignalThresholds t, ZoneId zone) {
        super(t.nightRate(), t.minEnrolments(), t.nightMinEnrolments(), t.maxEvidenceIds());
        this.zone = zone;
        this.from = t.nightFromHour();
        this.to = t.nightToHour();
    }

    @Override
    public String code() {
        return "NIGHT";
    }

    @Override
    boolean counts(WorkerEnrolment e) {
        return e.at() != null;
    }

    @Override
    boolean shows(WorkerEnrolment e) {
        int hour = e.at().atZone(zone).getHour();
        return from <= to ? hour >= from && hour < to : hour >= from || hour < to;
    }
}
