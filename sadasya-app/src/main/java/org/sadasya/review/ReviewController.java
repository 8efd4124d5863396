package org.sadasya.review;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sadasya.audit.AuditLog;
import org.sadasya.common.EvidenceJson;
import org.sadasya.common.Times;
import org.sadasya.enrollment.EnrollmentData;
import org.sadasya.enrollment.EnrollmentRecord;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.EnrollmentStatus;
import org.sadasya.enrollment.EnrollmentView;
import org.sadasya.member.JdbcMemberRepository;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The review queue: enrolments in REVIEW within the reviewer's scope, resolved by hand with a note (audited). */
@RestController
@RequestMapping("/api/v1/reviews")
@Tag(name = "reviews")
public class ReviewController {

    private final EnrollmentRepository enrollments;
    private final JdbcMemberRepository members;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    public ReviewController(EnrollmentRepository enrollments, JdbcMemberRepository members, AuditLog audit,
            TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.enrollments = enrollments;
        this.members = members;
        this.audit = audit;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Enrolments waiting for review in my scope, oldest first (page with afterId)")
    public List<EnrollmentView> queue(@AuthenticationPrincipal Actor actor,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") long afterId) {
        requireReviewer(actor);
        String scope = actor.role() == Role.ADMIN ? null : actor.scopePath();
        return enrollments.withStatus(EnrollmentStatus.REVIEW, scope, Math.max(1, Math.min(limit, 200)), afterId).stream()
                .map(r -> EnrollmentView.of(r, json)).toList();
    }

    public record Resolution(String decision, String note) {}

    @PostMapping("/{submissionId}")
    @Operation(summary = "Resolve an enrolment in review: ACCEPT (issues a member id, optional note) or REJECT (note required)")
    public EnrollmentView resolve(@AuthenticationPrincipal Actor actor, @PathVariable String submissionId,
            @RequestBody Resolution req) {
        requireReviewer(actor);
        // out of scope is "no such enrolment" before any answer about the body
        EnrollmentRecord r = enrollments.findBySubmissionId(submissionId)
                .filter(e -> actor.covers(e.boothPath()))
                .orElseThrow(() -> ApiException.notFound("enrollment"));
        boolean accept;
        if ("ACCEPT".equalsIgnoreCase(req.decision())) {
            accept = true;
        } else if ("REJECT".equalsIgnoreCase(req.decision())) {
            accept = false;
        } else {
            throw ApiException.fieldInvalid("decision", "field.decision");
        }
        // a rejection tells the worker's supervisor why; an accept may go without a note
        String note = req.note() == null ? "" : req.note().strip();
        if (!accept && note.isEmpty()) {
            throw ApiException.fieldInvalid("note", "field.required");
        }
        if (note.length() > 1000) {
            throw ApiException.fieldInvalid("note", "field.tooLong");
        }
        if (r.status() != EnrollmentStatus.REVIEW) {
            throw new ApiException(HttpStatus.CONFLICT, "NOT_IN_REVIEW", null, Map.of("status", r.status().name()));
        }
        try {
            tx.executeWithoutResult(s -> {
                Long memberId = null;
                String memberCode = null;
                if (accept) {
                    EnrollmentData data = read(r.dataJson());
                    var emb = enrollments.memberEmbedding(r.id());
                    var ref = members.insert(new JdbcMemberRepository.NewMember(r.id(), data.member().name(),
                            data.member().nameHi(), data.member().mobile(), data.member().epic(), data.member().age(),
                            data.member().gender(), r.boothId(), r.workerId()),
                            emb.map(e -> e.embedding()).orElse(null), emb.map(e -> e.modelVersion()).orElse(null));
                    memberId = ref.id();
                    memberCode = ref.memberCode();
                }
                List<Map<String, Object>> reasons = new ArrayList<>(readReasons(r.reasonsJson()));
                Map<String, Object> decision = new LinkedHashMap<>();
                decision.put("code", "REVIEWER_DECISION");
                decision.put("outcome", accept ? "PASS" : "REJECT");
                decision.put("detail", note);
                decision.put("evidence", Map.of("reviewer", actor.auditName()));
                reasons.add(decision);
                int changed = enrollments.resolve(r.id(), accept ? EnrollmentStatus.ACCEPTED : EnrollmentStatus.REJECTED,
                        writeReasons(reasons), memberId, actor.userId(), note.isEmpty() ? null : note, Times.now(clock));
                if (changed != 1) {
                    throw new ApiException(HttpStatus.CONFLICT, "NOT_IN_REVIEW", null, Map.of());
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("decision", accept ? "ACCEPT" : "REJECT");
                detail.put("memberId", memberCode);
                detail.put("note", note);
                audit.record(actor.auditName(), "ENROLLMENT_REVIEWED", "enrollment", r.submissionId(), detail);
            });
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, "DETAILS", "problem.DETAILS_CONFLICT", Map.of());
        }
        return EnrollmentView.of(enrollments.find(r.id()).orElseThrow(), json);
    }

    private static void requireReviewer(Actor actor) {
        if (actor.role() != Role.REVIEWER && actor.role() != Role.ADMIN) {
            throw ApiException.forbidden();
        }
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

    private String writeReasons(Object o) {
        try {
            return EvidenceJson.of(json).writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
