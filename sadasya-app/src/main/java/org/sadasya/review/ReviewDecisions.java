package org.sadasya.review;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sadasya.audit.AuditLog;
import org.sadasya.common.EvidenceJson;
import org.sadasya.common.Times;
import org.sadasya.decision.ReasonCode;
import org.sadasya.enrollment.EnrollmentData;
import org.sadasya.enrollment.EnrollmentRecord;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.EnrollmentStatus;
import org.sadasya.member.JdbcMemberRepository;
import org.sadasya.security.Actor;
import org.sadasya.verification.IssueMember;
import org.sadasya.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A reviewer's decisions on an enrolment in scope: accept (the member is issued by
 * {@link IssueMember}, the verifier's use case, with its last duplicate check), reject, and the
 * appeal that re-opens a rejected one. Each in one transaction with its audit entry.
 */
@Component
public class ReviewDecisions {

    private final EnrollmentRepository enrollments;
    private final IssueMember issueMember;
    private final DecisionHistory history;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final ObjectMapper evidenceJson;
    private final Clock clock;

    public ReviewDecisions(EnrollmentRepository enrollments, IssueMember issueMember, DecisionHistory history,
            AuditLog audit, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.enrollments = enrollments;
        this.issueMember = issueMember;
        this.history = history;
        this.audit = audit;
        this.tx = tx;
        this.json = json;
        this.evidenceJson = EvidenceJson.of(json);
        this.clock = clock;
    }

    /**
     * Accepts or rejects an enrolment in REVIEW. An accept whose face now looks like a member issued
     * since the verdict leaves the enrolment in REVIEW, with that finding added to its reasons, and
     * answers 409 DUPLICATE_MEMBER naming the member: the reviewer looks at it again and rejects it.
     */
    /** @return the enrolment's row id */
    public long resolve(Actor actor, EnrollmentRecord r, boolean accept, String note) {
        if (r.status() != EnrollmentStatus.REVIEW) {
            throw notInReview(r.status());
        }
        IssueMember.Duplicate refused;
        try {
            refused = tx.execute(s -> {
                Long memberId = null;
                String memberCode = null;
                List<Map<String, Object>> reasons = new ArrayList<>(readReasons(r.reasonsJson()));
                if (accept) {
                    IssueMember.Result issued = issue(r);
                    if (issued instanceof IssueMember.Duplicate dup) {
                        refuse(actor, r, reasons, dup);
                        return dup;
                    }
                    if (issued instanceof IssueMember.FaceUnreadable) {
                        // decided with a retired face model, and the model now in use finds no face
                        // where the member's was: no member can be issued without a searchable face
                        throw new ApiException(HttpStatus.CONFLICT, "FACE_UNREADABLE", null, Map.of());
                    }
                    var member = ((IssueMember.Issued) issued).member();
                    memberId = member.id();
                    memberCode = member.memberCode();
                }
                Map<String, Object> decision = new LinkedHashMap<>();
                decision.put("code", ReasonCode.REVIEWER_DECISION.name());
                decision.put("outcome", accept ? "PASS" : "REJECT");
                decision.put("detail", note);
                decision.put("evidence", Map.of("reviewer", actor.auditName()));
                reasons.add(decision);
                int changed = enrollments.resolve(r.id(), accept ? EnrollmentStatus.ACCEPTED : EnrollmentStatus.REJECTED,
                        write(reasons), memberId, actor.userId(), note.isEmpty() ? null : note, Times.now(clock));
                if (changed != 1) {
                    throw notInReview(null);
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("decision", accept ? "ACCEPT" : "REJECT");
                detail.put("memberId", memberCode);
                detail.put("note", note);
                audit.record(actor.auditName(), DecisionHistory.REVIEWED, "enrollment", r.submissionId(), detail);
                return null;
            });
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, "DETAILS", "problem.DETAILS_CONFLICT", Map.of());
        }
        if (refused != null) {
            throw new ApiException(HttpStatus.CONFLICT, "DUPLICATE_MEMBER", null, Map.of("memberId",
                    refused.memberCode(), "similarity", refused.finding().evidence().get("similarity")),
                    refused.memberCode());
        }
        return r.id();
    }

    /** Re-opens a REJECTED enrolment (by the verifier or a reviewer): back to REVIEW, marked as an appeal. */
    /** @return the enrolment's row id */
    public long appeal(Actor actor, EnrollmentRecord r, String reason) {
        if (r.status() != EnrollmentStatus.REJECTED) {
            throw notRejected(r.status());
        }
        tx.executeWithoutResult(s -> {
            // earlier reviewer decisions leave the reasons (the rules' verdict) for the history
            List<Map<String, Object>> reasons = readReasons(r.reasonsJson()).stream()
                    .filter(x -> !ReasonCode.REVIEWER_DECISION.name().equals(x.get("code"))).toList();
            if (enrollments.reopen(r.id(), write(reasons), Times.now(clock)) != 1) {
                throw notRejected(null);
            }
            audit.record(actor.auditName(), DecisionHistory.APPEALED, "enrollment", r.submissionId(),
                    Map.of("reason", reason));
        });
        return r.id();
    }

    private IssueMember.Result issue(EnrollmentRecord r) {
        EnrollmentData.Member m = read(r.dataJson()).member();
        var emb = enrollments.memberEmbedding(r.id());
        var verifiedAt = history.verifiedAt(r.submissionId()).orElse(r.receivedAt());
        return issueMember.issueReviewed(new JdbcMemberRepository.NewMember(r.id(), m.name(), m.nameHi(), m.mobile(),
                        m.epic(), m.age(), m.gender(), r.boothId(), r.workerId()),
                emb.map(e -> e.embedding()).orElse(null), emb.map(e -> e.modelVersion()).orElse(null), verifiedAt);
    }

    /** The finding joins the reasons (in place of the verdict's DUPLICATE_FACE outcome) for the reviewer's next look. */
    private void refuse(Actor actor, EnrollmentRecord r, List<Map<String, Object>> reasons, IssueMember.Duplicate dup) {
        reasons.removeIf(x -> ReasonCode.DUPLICATE_FACE.name().equals(x.get("code")));
        reasons.add(dup.finding().stored());
        enrollments.updateReviewReasons(r.id(), write(reasons));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("memberId", dup.memberCode());
        detail.put("similarity", dup.finding().evidence().get("similarity"));
        audit.record(actor.auditName(), DecisionHistory.ACCEPT_REFUSED, "enrollment", r.submissionId(), detail);
    }

    private static ApiException notInReview(EnrollmentStatus status) {
        return new ApiException(HttpStatus.CONFLICT, "NOT_IN_REVIEW", null,
                status == null ? Map.of() : Map.of("status", status.name()));
    }

    private static ApiException notRejected(EnrollmentStatus status) {
        return new ApiException(HttpStatus.CONFLICT, "NOT_REJECTED", null,
                status == null ? Map.of() : Map.of("status", status.name()));
    }

    private EnrollmentData read(String s) {
        try {
            return json.readValue(s, EnrollmentData.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, Object>> readReasons(String s) {
        try {
            return s == null ? List.of() : json.readValue(s, new TypeReference<List<Map<String, Object>>>() {});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object o) {
        try {
            return evidenceJson.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
