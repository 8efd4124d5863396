package org.sadasya.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.sadasya.decision.GeoPoint;

/**
 * Made-up enrolments of one worker for the signal tests and the benchmark: an honest walk from
 * house to house, a worker sitting at home, a family at one door. Positions are reported as a phone
 * reports them: the true point plus an error up to the stated accuracy.
 */
final class Walks {

    static final GeoPoint BOOTH = new GeoPoint(23.26, 77.4127);
    static final double METERS_PER_DEGREE_LATITUDE = 110_760;
    private static final double METERS_PER_DEGREE_LONGITUDE = METERS_PER_DEGREE_LATITUDE * Math.cos(Math.toRadians(23.26));

    private final Random random;
    private final long workerId;
    private int seq;

    Walks(long seed, long workerId) {
        this.random = new Random(seed);
        this.workerId = workerId;
    }

    static GeoPoint offset(GeoPoint from, double northMeters, double eastMeters) {
        return new GeoPoint(from.latitude() + northMeters / METERS_PER_DEGREE_LATITUDE,
                from.longitude() + eastMeters / METERS_PER_DEGREE_LONGITUDE);
    }

    /** The true point moved by a random error within {@code accuracy} metres (uniform over the disc). */
    GeoPoint reported(GeoPoint truth, double accuracy) {
        double r = accuracy * Math.sqrt(random.nextDouble());
        double a = random.nextDouble() * 2 * Math.PI;
        return offset(truth, r * Math.cos(a), r * Math.sin(a));
    }

    WorkerEnrolment enrolment(GeoPoint reported, double accuracy, Instant at, String status, Map<String, String> outcomes) {
        return new WorkerEnrolment("w%d-%04d".formatted(workerId, seq++), workerId, status, at, reported, accuracy, BOOTH,
                200.0, "9%09d".formatted(workerId * 10_000 + seq), outcomes);
    }

    WorkerEnrolment at(GeoPoint reported, double accuracy, Instant at) {
        return enrolment(reported, accuracy, at, "ACCEPTED", Map.of("LIVENESS", "PASS", "IMAGE_REUSE", "PASS"));
    }

    /**
     * Door to door: {@code perDay} enrolments a day, {@code every} apart from 10:00 IST, each
     * {@code minStep}–{@code maxStep} m from the last along a street that bends a little; each day
     * in another part of the booth, 300 m on.
     */
    List<WorkerEnrolment> doorToDoor(Instant firstDay, int days, int perDay, Duration every, double minStep,
            double maxStep, double accuracy) {
        List<WorkerEnrolment> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            GeoPoint here = offset(BOOTH, -150 + d * 300 / (double) days, -150);
            double heading = random.nextDouble() * Math.PI / 2;
            Instant t = firstDay.plus(Duration.ofDays(d));
            for (int i = 0; i < perDay; i++) {
                out.add(at(reported(here, accuracy), accuracy, t));
                double step = minStep + random.nextDouble() * (maxStep - minStep);
                heading += (random.nextDouble() - 0.5) * Math.PI / 3;
                here = offset(here, step * Math.cos(heading), step * Math.sin(heading));
                t = t.plus(every);
            }
        }
        return out;
    }

    /** All at one house: {@code perDay} a day, {@code every} apart, on {@code days} days. */
    List<WorkerEnrolment> atHome(GeoPoint home, Instant firstDay, int days, int perDay, Duration every, double accuracy) {
        List<WorkerEnrolment> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            Instant t = firstDay.plus(Duration.ofDays(d));
            for (int i = 0; i < perDay; i++) {
                out.add(at(reported(home, accuracy), accuracy, t));
                t = t.plus(every);
            }
        }
        return out;
    }
}
