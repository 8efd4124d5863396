package org.sadasya.decision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one rule: outcome, a short English detail for logs and reviewers, and the evidence
 * behind it (scores, matched ids, distances) as plain values that serialise to JSON.
 */
public record RuleResult(ReasonCode code, Outcome outcome, String detail, Map<String, Object> evidence) {

    public RuleResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence == null ? Map.of() : evidence));
    }

    public static RuleResult pass(ReasonCode code, String detail, Map<String, Object> evidence) {
        return new RuleResult(code, Outcome.PASS, detail, evidence);
    }

    public static RuleResult review(ReasonCode code, String detail, Map<String, Object> evidence) {
        return new RuleResult(code, Outcome.REVIEW, detail, evidence);
    }

    public static RuleResult reject(ReasonCode code, String detail, Map<String, Object> evidence) {
        return new RuleResult(code, Outcome.REJECT, detail, evidence);
    }

    /** As an enrolment's {@code reasons_json} stores it: code, outcome, detail, evidence. */
    public Map<String, Object> stored() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code.name());
        m.put("outcome", outcome.name());
        m.put("detail", detail);
        m.put("evidence", evidence);
        return m;
    }
}
