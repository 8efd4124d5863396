package org.sadasya.review;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sadasya.decision.ReasonCode;
import org.sadasya.enrollment.EnrollmentRepository.QueueFilter;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.EnrollmentStatus;
import org.sadasya.enrollment.EnrollmentView;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.web.ApiException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The review queue: enrolments in REVIEW within the reviewer's scope (or, to find one for an
 * appeal, the decided ones), resolved by hand with a note, and re-opened on appeal (audited).
 */
@RestController
@RequestMapping("/api/v1/reviews")
@Tag(name = "reviews")
public class ReviewController {

    /** The drive's days are Indian days: a date filter means midnight to midnight IST. */
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    /** One queue item: the enrolment as the API shows it, whether it came back on appeal, and who sent it. */
    public record QueueItem(@JsonUnwrapped EnrollmentView enrollment, boolean appeal, long workerId) {}

    private final EnrollmentRepository enrollments;
    private final ReviewableEnrollments reviewable;
    private final ReviewDecisions decisions;
    private final OrgUnitRepository units;
    private final ObjectMapper json;

    public ReviewController(EnrollmentRepository enrollments, ReviewableEnrollments reviewable,
            ReviewDecisions decisions, OrgUnitRepository units, ObjectMapper json) {
        this.enrollments = enrollments;
        this.reviewable = reviewable;
        this.decisions = decisions;
        this.units = units;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "Enrolments in my scope, oldest first (page with afterId): status REVIEW unless asked for"
            + " REJECTED or ACCEPTED; narrowed by orgUnitId, workerId, reason (a rule code), from/to (IST dates of"
            + " receipt, inclusive) and submissionId")
    public List<QueueItem> queue(@AuthenticationPrincipal Actor actor,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") long afterId,
            @RequestParam(defaultValue = "REVIEW") String status, @RequestParam(required = false) Long orgUnitId,
            @RequestParam(required = false) Long workerId, @RequestParam(required = false) String reason,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) String submissionId) {
        requireReviewer(actor);
        QueueFilter filter = new QueueFilter(status(status), scope(actor, orgUnitId), workerId, reason(reason),
                from == null ? null : startOf(from), to == null ? null : startOf(to.plusDays(1)),
                submissionId == null || submissionId.isBlank() ? null : submissionId.strip().toLowerCase(Locale.ROOT),
                afterId, Math.max(1, Math.min(limit, 200)));
        return enrollments.search(filter).stream()
                .map(l -> new QueueItem(EnrollmentView.of(l.record(), json), l.appeal(), l.record().workerId()))
                .toList();
    }

    public record Resolution(String decision, String note) {}

    @PostMapping("/{submissionId}")
    @Operation(summary = "Resolve an enrolment in review: ACCEPT (issues a member id, optional note; 409 DUPLICATE_MEMBER"
            + " when the face looks like a member issued since the verdict) or REJECT (note required)")
    public EnrollmentView resolve(@AuthenticationPrincipal Actor actor, @PathVariable String submissionId,
            @RequestBody Resolution req) {
        requireReviewer(actor);
        // out of scope is "no such enrolment" before any answer about the body
        var r = reviewable.find(actor, submissionId);
        boolean accept;
        if ("ACCEPT".equalsIgnoreCase(req.decision())) {
            accept = true;
        } else if ("REJECT".equalsIgnoreCase(req.decision())) {
            accept = false;
        } else {
            throw ApiException.fieldInvalid("decision", "field.decision");
        }
        // a rejection tells the worker's supervisor why; an accept may go without a note
        String note = text("note", req.note(), !accept);
        return now(decisions.resolve(actor, r, accept, note));
    }

    public record Appeal(String reason) {}

    @PostMapping("/{submissionId}/appeal")
    @Operation(summary = "Re-open a REJECTED enrolment on appeal (reason required): back to REVIEW with appeal: true;"
            + " 409 NOT_REJECTED otherwise")
    public EnrollmentView appeal(@AuthenticationPrincipal Actor actor, @PathVariable String submissionId,
            @RequestBody Appeal req) {
        requireReviewer(actor);
        var r = reviewable.find(actor, submissionId); // scope before validation, as for a decision
        String reason = text("reason", req.reason(), true);
        return now(decisions.appeal(actor, r, reason));
    }

    /** The enrolment as it is after the decision. */
    private EnrollmentView now(long enrollmentId) {
        return EnrollmentView.of(enrollments.find(enrollmentId).orElseThrow(), json);
    }

    private static String text(String field, String value, boolean required) {
        String v = value == null ? "" : value.strip();
        if (required && v.isEmpty()) {
            throw ApiException.fieldInvalid(field, "field.required");
        }
        if (v.length() > 1000) {
            throw ApiException.fieldInvalid(field, "field.tooLong");
        }
        return v;
    }

    /** The path prefix to search: the asked unit if the caller's scope covers it, else the caller's scope. */
    private String scope(Actor actor, Long orgUnitId) {
        if (orgUnitId == null) {
            return actor.role() == Role.ADMIN ? null : actor.scopePath();
        }
        return units.find(orgUnitId).filter(actor::covers).map(u -> u.path())
                .orElseThrow(() -> ApiException.notFound("orgUnit"));
    }

    private static EnrollmentStatus status(String s) {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "REVIEW" -> EnrollmentStatus.REVIEW;
            case "REJECTED" -> EnrollmentStatus.REJECTED;
            case "ACCEPTED" -> EnrollmentStatus.ACCEPTED;
            default -> throw ApiException.fieldInvalid("status", "field.invalid");
        };
    }

    private static String reason(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return Arrays.stream(ReasonCode.values()).map(Enum::name).filter(n -> n.equals(s.strip())).findFirst()
                .orElseThrow(() -> ApiException.fieldInvalid("reason", "field.invalid"));
    }

    static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(IST).toOffsetDateTime();
    }

    static void requireReviewer(Actor actor) {
        if (actor.role() != Role.REVIEWER && actor.role() != Role.ADMIN) {
            throw ApiException.forbidden();
        }
    }
}
