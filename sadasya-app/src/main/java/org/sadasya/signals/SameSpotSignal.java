package org.sadasya.signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.sadasya.common.SameSpotRule;

/**
 * SAME_SPOT: the list audit's rule ({@link SameSpotRule}) over the worker's located enrolments,
 * with their GPS accuracy and capture times, so a family enrolled at one house in one visit does
 * not count and dozens at one spot over several visits do.
 */
final class SameSpotSignal implements WorkerSignal {

    private final SameSpotRule rule;
    private final int maxIds;

    SameSpotSignal(SignalThresholds t) {
        this.rule = new SameSpotRule(t.sameSpotRadiusMeters(), t.sameSpotMinEnrolments(), t.sameSpotMinVisits(),
                t.sameSpotVisitGap(), t.sameSpotMaxAccuracyMeters());
        this.maxIds = t.maxEvidenceIds();
    }

    @Override
    public String code() {
        return "SAME_SPOT";
    }

    @Override
    public Optional<Signal> evaluate(List<WorkerEnrolment> enrolments) {
        List<SameSpotRule.Located> located = new ArrayList<>();
        for (int i = 0; i < enrolments.size(); i++) {
            WorkerEnrolment e = enrolments.get(i);
            if (e.position() != null) {
                located.add(new SameSpotRule.Located(i, Long.toString(e.workerId()), e.position(), e.accuracyMeters(),
                        e.at()));
            }
        }
        List<SameSpotRule.Spot> spots = rule.spots(located);
        if (spots.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        TreeSet<java.time.LocalDate> days = new TreeSet<>();
        int largest = 0;
        int visits = 0;
        for (SameSpotRule.Spot s : spots) {
            largest = Math.max(largest, s.rows().size());
            visits += s.visits();
            for (int row : s.rows()) {
                WorkerEnrolment e = enrolments.get(row);
                ids.add(e.submissionId());
                if (e.at() != null) {
                    days.add(e.at().atZone(java.time.ZoneOffset.UTC).toLocalDate());
                }
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("spots", spots.size());
        figures.put("largestSpot", largest);
        figures.put("visits", visits);
        figures.put("days", days.size());
        figures.put("radiusMeters", Math.round(rule.radiusMeters()));
        return SignalEvidence.raise(code(), ids, maxIds, figures);
    }
}
