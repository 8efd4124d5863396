package org.sadasya.signals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VELOCITY: two consecutive located enrolments (by capture time) further apart than the worker
 * could have travelled between them at {@code max-speed-kmh}. The distance is the smallest the two
 * fixes' accuracies allow, and hops under {@code velocity-min-distance-meters} are left out: at a few
 * hundred metres a GPS jump or a phone clock a minute off would make an honest worker "fly".
 */
final class VelocitySignal implements WorkerSignal {

    private final double maxSpeedKmh;
    private final double minDistanceMeters;
    private final int maxIds;

    VelocitySignal(SignalThresholds t) {
        this.maxSpeedKmh = t.maxSpeedKmh();
        this.minDistanceMeters = t.velocityMinDistanceMeters();
        this.maxIds = t.maxEvidenceIds();
    }

    @Override
    public String code() {
        return "VELOCITY";
    }

    @Override
    public Optional<Signal> evaluate(List<WorkerEnrolment> enrolments) {
        List<WorkerEnrolment> located = enrolments.stream().filter(e -> e.position() != null && e.at() != null).toList();
        List<String> ids = new ArrayList<>();
        int pairs = 0;
        double fastest = 0;
        for (int i = 1; i < located.size(); i++) {
            WorkerEnrolment a = located.get(i - 1);
            WorkerEnrolment b = located.get(i);
            double meters = a.position().distanceMeters(b.position()) - accuracy(a) - accuracy(b);
            if (meters < minDistanceMeters) {
                continue;
            }
            double hours = Math.abs(Duration.between(a.at(), b.at()).toMillis()) / 3_600_000.0;
            double kmh = hours == 0 ? Double.POSITIVE_INFINITY : meters / 1000 / hours;
            if (kmh > maxSpeedKmh) {
                pairs++;
                fastest = Math.max(fastest, kmh);
                if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(a.submissionId())) {
                    ids.add(a.submissionId());
                }
                ids.add(b.submissionId());
            }
        }
        if (pairs == 0) {
            return Optional.empty();
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("pairs", pairs);
        // an instant jump has no finite speed; 9999 says "at once" in a number a page can show
        figures.put("fastestKmh", Double.isInfinite(fastest) ? 9999 : Math.round(fastest));
        figures.put("maxSpeedKmh", Math.round(maxSpeedKmh));
        return SignalEvidence.raise(code(), ids, maxIds, figures);
    }

    private static double accuracy(WorkerEnrolment e) {
        return e.accuracyMeters() == null ? 0 : e.accuracyMeters();
    }
}
