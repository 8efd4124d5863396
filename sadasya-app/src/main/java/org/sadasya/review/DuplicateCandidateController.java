package org.sadasya.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sadasya.audit.AuditLog;
import org.sadasya.card.CardMembers;
import org.sadasya.card.FaceCrop;
import org.sadasya.common.InMemoryImages;
import org.sadasya.enrollment.EnrollmentRecord;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.security.Actor;
import org.sadasya.web.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The member an enrolment in review may duplicate, as the verifier matched it (DUPLICATE_FACE's
 * {@code matchedMemberId}): member id, booth, similarity and the member's face crop. This is the one
 * exception to scope: a duplicate may have joined in another district, and the reviewer of this
 * enrolment must see whom it resembles. It is reached only through an enrolment in the reviewer's
 * scope, shows nothing beyond crop, member id and booth, and every look is in the audit log.
 */
@RestController
@RequestMapping("/api/v1/reviews/{submissionId}")
@Tag(name = "reviews")
public class DuplicateCandidateController {

    public record Candidate(String memberId, String boothCode, String boothName, String boothNameHi, Double similarity,
            Double threshold, boolean outOfScope, boolean face) {}

    private final ReviewableEnrollments reviewable;
    private final CardMembers members;
    private final EnrollmentRepository enrollments;
    private final ImageStore images;
    private final AuditLog audit;
    private final ObjectMapper json;

    public DuplicateCandidateController(ReviewableEnrollments reviewable, CardMembers members,
            EnrollmentRepository enrollments, ImageStore images, AuditLog audit, ObjectMapper json) {
        this.reviewable = reviewable;
        this.members = members;
        this.enrollments = enrollments;
        this.images = images;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/candidate")
    @Operation(summary = "The member this enrolment may duplicate: id, booth, similarity (REVIEWER/ADMIN with the enrolment in scope; audited)")
    public Candidate candidate(@AuthenticationPrincipal Actor actor, @PathVariable String submissionId) {
        Match match = match(actor, submissionId);
        boolean face = enrollments.memberFace(match.member().enrollmentId()).isPresent();
        viewed(actor, submissionId, match, "DUPLICATE_CANDIDATE_VIEWED");
        return new Candidate(match.member().memberCode(), match.member().boothCode(), match.member().boothName(),
                match.member().boothNameHi(), match.similarity(), match.threshold(), match.outOfScope(), face);
    }

    @GetMapping("/candidate/face")
    @Operation(summary = "That member's face crop as PNG (as above), Cache-Control: no-store")
    public ResponseEntity<byte[]> face(@AuthenticationPrincipal Actor actor, @PathVariable String submissionId) {
        Match match = match(actor, submissionId);
        byte[] crop = cropOf(match.member().enrollmentId());
        viewed(actor, submissionId, match, "DUPLICATE_CANDIDATE_FACE_VIEWED");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG).body(crop);
    }

    /** One of the members an enrolment resembles, as DUPLICATE_FACE listed them (most alike first). */
    public record Lookalike(String memberId, String boothCode, String boothName, String boothNameHi, Double similarity,
            String searched, boolean outOfScope, boolean face) {}

    @GetMapping("/candidates")
    @Operation(summary = "Every member this enrolment may duplicate, most alike first (as /candidate; audited once with their ids)")
    public java.util.List<Lookalike> candidates(@AuthenticationPrincipal Actor actor, @PathVariable String submissionId) {
        EnrollmentRecord e = reviewable.find(actor, submissionId);
        java.util.List<Lookalike> out = new java.util.ArrayList<>();
        for (JsonNode c : listed(e)) {
            members.find(c.get("memberId").asText()).ifPresent(m -> out.add(new Lookalike(m.memberCode(), m.boothCode(),
                    m.boothName(), m.boothNameHi(), number(c, "similarity"), c.path("searched").asText(null),
                    !actor.covers(m.boothPath()), enrollments.memberFace(m.enrollmentId()).isPresent())));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("memberIds", out.stream().map(Lookalike::memberId).toList());
        detail.put("outOfScope", out.stream().filter(Lookalike::outOfScope).map(Lookalike::memberId).toList());
        audit.record(actor.auditName(), "DUPLICATE_CANDIDATES_VIEWED", "enrollment", submissionId, detail);
        return out;
    }

    @GetMapping("/candidates/{memberId}/face")
    @Operation(summary = "The face crop of one member this enrolment may duplicate, as PNG (listed by /candidates only; audited), Cache-Control: no-store")
    public ResponseEntity<byte[]> candidateFace(@AuthenticationPrincipal Actor actor, @PathVariable String submissionId,
            @PathVariable String memberId) {
        EnrollmentRecord e = reviewable.find(actor, submissionId);
        // only a member this enrolment resembles: the exception to scope reaches no one else
        JsonNode listed = listed(e).stream().filter(c -> c.get("memberId").asText().equals(memberId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("candidate"));
        CardMembers.CardMember member = members.find(memberId).orElseThrow(() -> ApiException.notFound("candidate"));
        byte[] crop = cropOf(member.enrollmentId());
        viewed(actor, submissionId, new Match(member, number(listed, "similarity"), null, !actor.covers(member.boothPath())),
                "DUPLICATE_CANDIDATE_FACE_VIEWED");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG).body(crop);
    }

    /** DUPLICATE_FACE's list of lookalikes; for a decision that kept only the nearest, that one. */
    private java.util.List<JsonNode> listed(EnrollmentRecord e) {
        JsonNode evidence = duplicateEvidence(e);
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        if (evidence == null) {
            return out;
        }
        if (evidence.path("candidates").isArray()) {
            evidence.get("candidates").forEach(c -> {
                if (c.hasNonNull("memberId")) {
                    out.add(c);
                }
            });
        } else if (evidence.hasNonNull("matchedMemberId")) {
            out.add(json.createObjectNode().put("memberId", evidence.get("matchedMemberId").asText())
                    .put("similarity", evidence.path("similarity").asDouble())
                    .put("searched", evidence.path("searched").asText("state")));
        }
        return out;
    }

    private byte[] cropOf(long enrollmentId) {
        return enrollments.memberFace(enrollmentId).flatMap(box -> enrollments.images(enrollmentId).stream()
                        .filter(i -> i.kind().equals("PHOTO")).findFirst()
                        .flatMap(i -> FaceCrop.of(images.get(i.imageKey()), box)))
                .map(img -> InMemoryImages.encode(img, "png"))
                .orElseThrow(() -> ApiException.notFound("image"));
    }

    private record Match(CardMembers.CardMember member, Double similarity, Double threshold, boolean outOfScope) {}

    private Match match(Actor actor, String submissionId) {
        EnrollmentRecord e = reviewable.find(actor, submissionId);
        JsonNode evidence = duplicateEvidence(e);
        if (evidence == null || !evidence.hasNonNull("matchedMemberId")) {
            throw ApiException.notFound("candidate");
        }
        CardMembers.CardMember member = members.find(evidence.get("matchedMemberId").asText())
                .orElseThrow(() -> ApiException.notFound("candidate"));
        return new Match(member, number(evidence, "similarity"), number(evidence, "threshold"),
                !actor.covers(member.boothPath()));
    }

    private JsonNode duplicateEvidence(EnrollmentRecord e) {
        if (e.reasonsJson() == null) {
            return null;
        }
        try {
            for (JsonNode reason : json.readTree(e.reasonsJson())) {
                if ("DUPLICATE_FACE".equals(reason.path("code").asText())) {
                    return reason.get("evidence");
                }
            }
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("stored reasons of " + e.submissionId() + " are unreadable", ex);
        }
        return null;
    }

    private static Double number(JsonNode evidence, String field) {
        return evidence.hasNonNull(field) ? evidence.get(field).asDouble() : null;
    }

    private void viewed(Actor actor, String submissionId, Match match, String action) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("memberId", match.member().memberCode());
        detail.put("outOfScope", match.outOfScope());
        audit.record(actor.auditName(), action, "enrollment", submissionId, detail);
    }
}
