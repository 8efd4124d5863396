package org.sadasya.signals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evidence of a raised signal: {@code count} (enrolments behind it), the first
 * {@code maxIds} of their submissionIds, and the signal's own figures.
 */
final class SignalEvidence {

    private SignalEvidence() {}

    static Optional<Signal> raise(String code, List<String> submissionIds, int maxIds, Map<String, Object> figures) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("count", submissionIds.size());
        ev.putAll(figures);
        ev.put("submissionIds", List.copyOf(submissionIds.subList(0, Math.min(maxIds, submissionIds.size()))));
        return Optional.of(new Signal(code, ev));
    }

    /** A share as a whole percentage, for people to read. */
    static long percent(double share) {
        return Math.round(share * 100);
    }
}
