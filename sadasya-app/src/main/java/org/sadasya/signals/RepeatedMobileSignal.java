package org.sadasya.signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * REPEATED_MOBILE: one member mobile number on {@code repeated-mobile-min-uses} or more of this
 * worker's enrolments. Two members of a family often share a phone; three or more names on one
 * number from one worker is how invented members get a number.
 */
final class RepeatedMobileSignal implements WorkerSignal {

    private final int minUses;
    private final int maxIds;

    RepeatedMobileSignal(SignalThresholds t) {
        this.minUses = Math.max(2, t.repeatedMobileMinUses());
        this.maxIds = t.maxEvidenceIds();
    }

    @Override
    public String code() {
        return "REPEATED_MOBILE";
    }

    @Override
    public Optional<Signal> evaluate(List<WorkerEnrolment> enrolments) {
        Map<String, List<String>> byMobile = new LinkedHashMap<>();
        for (WorkerEnrolment e : enrolments) {
            if (e.mobile() != null) {
                byMobile.computeIfAbsent(e.mobile(), k -> new ArrayList<>()).add(e.submissionId());
            }
        }
        List<String> ids = new ArrayList<>();
        int mobiles = 0;
        int most = 0;
        for (List<String> same : byMobile.values()) {
            if (same.size() >= minUses) {
                mobiles++;
                most = Math.max(most, same.size());
                ids.addAll(same);
            }
        }
        if (mobiles == 0) {
            return Optional.empty();
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("mobiles", mobiles);
        figures.put("mostUses", most);
        figures.put("minUses", minUses);
        return SignalEvidence.raise(code(), ids, maxIds, figures);
    }
}
