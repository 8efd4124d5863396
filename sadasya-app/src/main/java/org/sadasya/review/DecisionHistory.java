package org.sadasya.review;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sadasya.audit.AuditLog;
import org.springframework.stereotype.Component;

/**
 * Every decision on one enrolment — the automatic verdict, a reviewer's accept or reject, an
 * accept refused by the last duplicate check, an appeal — read from the audit log. The audit log is
 * where each of them is written already, in the same transaction as the decision, append-only and
 * indexed by enrolment: a second table would be a copy that could disagree with it.
 */
@Component
public class DecisionHistory {

    public static final String DECIDED = "ENROLLMENT_DECIDED";
    public static final String REVIEWED = "ENROLLMENT_REVIEWED";
    public static final String ACCEPT_REFUSED = "ENROLLMENT_ACCEPT_REFUSED";
    public static final String APPEALED = "ENROLLMENT_APPEALED";

    /** What happened. */
    public enum Event { VERDICT, ACCEPT, REJECT, ACCEPT_REFUSED, APPEAL }

    /**
     * @param actor   who: {@code system:verifier} for the verdict, else the user's name
     * @param outcome the verdict's status (VERDICT only), else null
     * @param comment the reviewer's note or appeal reason; for a verdict, the rules that did not pass
     */
    public record Entry(OffsetDateTime at, String actor, Event event, String outcome, String comment) {}

    private final AuditLog audit;
    private final ObjectMapper json;

    public DecisionHistory(AuditLog audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    public List<Entry> of(String submissionId) {
        List<Entry> out = new ArrayList<>();
        for (AuditLog.Entry a : audit.forEntity("enrollment", submissionId)) {
            Map<String, Object> d = detail(a.detail());
            String actor = a.actor().replaceFirst("#\\d+$", "");
            switch (a.action()) {
                case DECIDED -> out.add(new Entry(a.at(), actor, Event.VERDICT, text(d.get("verdict")), doubts(d)));
                case REVIEWED -> out.add(new Entry(a.at(), actor,
                        "ACCEPT".equals(d.get("decision")) ? Event.ACCEPT : Event.REJECT, null, text(d.get("note"))));
                case ACCEPT_REFUSED -> out.add(new Entry(a.at(), actor, Event.ACCEPT_REFUSED, null,
                        text(d.get("memberId"))));
                case APPEALED -> out.add(new Entry(a.at(), actor, Event.APPEAL, null, text(d.get("reason"))));
                default -> { } // other entries about the enrolment (evidence viewed, ...) are no decision
            }
        }
        return out;
    }

    /** When the verifier last decided the enrolment: the members its 1:N search saw were issued before. */
    public Optional<OffsetDateTime> verifiedAt(String submissionId) {
        return of(submissionId).stream().filter(e -> e.event() == Event.VERDICT).map(Entry::at).reduce((a, b) -> b);
    }

    private static String doubts(Map<String, Object> d) {
        if (!(d.get("reasons") instanceof List<?> reasons)) {
            return "";
        }
        return String.join(" ", reasons.stream().map(String::valueOf).filter(r -> !r.endsWith(":PASS")).toList());
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private Map<String, Object> detail(String s) {
        try {
            return s == null ? Map.of() : json.readValue(s, new TypeReference<Map<String, Object>>() {});
        } catch (Exception e) {
            throw new IllegalStateException("audit detail is unreadable", e);
        }
    }
}
