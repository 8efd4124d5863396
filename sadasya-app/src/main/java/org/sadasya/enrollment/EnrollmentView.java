package org.sadasya.enrollment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The API's view of an enrolment: {@code {submissionId, status, reasons:[{code, outcome, detail}], memberId}} and more. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EnrollmentView(String submissionId, String status, List<Reason> reasons, String memberId, long boothId,
        OffsetDateTime receivedAt, OffsetDateTime decidedAt, String reviewNote) {

    /** {@code evidence} keeps null values: a null can be the evidence ("challengeId": null, no ticket). */
    public record Reason(String code, String outcome, String detail,
            @JsonInclude(value = JsonInclude.Include.ALWAYS, content = JsonInclude.Include.ALWAYS)
            Map<String, Object> evidence) {}

    /**
     * What the worker who sent it sees (DESIGN.md, "What a worker sees"): each reason's code and
     * outcome with {@code words} as its detail, and no evidence. Scores, thresholds, angles and other
     * members' ids would teach an attacker what to change.
     */
    public EnrollmentView forWorker(java.util.function.Function<Reason, String> words) {
        List<Reason> plain = reasons.stream()
                .map(x -> new Reason(x.code(), x.outcome(), words.apply(x), Map.of()))
                .toList();
        return new EnrollmentView(submissionId, status, plain, memberId, boothId, receivedAt, decidedAt, reviewNote);
    }

    public static EnrollmentView of(EnrollmentRecord r, ObjectMapper json) {
        List<Reason> reasons = List.of();
        if (r.reasonsJson() != null) {
            try {
                reasons = json.readValue(r.reasonsJson(), new TypeReference<List<Reason>>() {});
            } catch (Exception e) {
                throw new IllegalStateException("stored reasons of " + r.submissionId() + " are unreadable", e);
            }
        }
        return new EnrollmentView(r.submissionId(), r.status().name(), reasons, r.memberCode(), r.boothId(),
                r.receivedAt(), r.decidedAt(), r.reviewNote());
    }
}
