package org.sadasya.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.sadasya.enrollment.EnrollmentData;
import org.sadasya.enrollment.EnrollmentRecord;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.EnrollmentView;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * One enrolment as a reviewer opens it: the decision with its evidence, the member's details as
 * sent, where the photo was taken and the booth it was taken for, and how many frames there are.
 */
@RestController
@Tag(name = "reviews")
public class ReviewCaseController {

    public record Member(String name, String nameHi, Integer age, String gender) {}

    public record Position(Double latitude, Double longitude, Double accuracyMeters) {}

    public record Booth(long id, String code, String name, String nameHi, Double latitude, Double longitude,
            Double radiusMeters) {}

    /**
     * @param appeal  re-opened on appeal at least once
     * @param history every decision on it, oldest first ({@link DecisionHistory})
     */
    public record ReviewCase(EnrollmentView enrollment, Member member, Position position, Booth booth,
            int burstFrames, boolean appeal, java.util.List<DecisionHistory.Entry> history) {}

    private final ReviewableEnrollments reviewable;
    private final EnrollmentRepository enrollments;
    private final OrgUnitRepository units;
    private final DecisionHistory history;
    private final ObjectMapper json;

    public ReviewCaseController(ReviewableEnrollments reviewable, EnrollmentRepository enrollments,
            OrgUnitRepository units, DecisionHistory history, ObjectMapper json) {
        this.history = history;
        this.reviewable = reviewable;
        this.enrollments = enrollments;
        this.units = units;
        this.json = json;
    }

    @GetMapping("/api/v1/reviews/{submissionId}")
    @Operation(summary = "One enrolment with its evidence, position, booth and decision history (REVIEWER/ADMIN in scope)")
    public ReviewCase open(@AuthenticationPrincipal Actor actor, @PathVariable String submissionId) {
        EnrollmentRecord r = reviewable.find(actor, submissionId);
        EnrollmentData data = read(r);
        OrgUnit b = units.find(r.boothId()).orElseThrow();
        int frames = (int) enrollments.images(r.id()).stream().filter(i -> i.kind().equals("BURST")).count();
        EnrollmentData.Member m = data.member();
        return new ReviewCase(EnrollmentView.of(r, json),
                m == null ? null : new Member(m.name(), m.nameHi(), m.age(), m.gender()),
                new Position(data.latitude(), data.longitude(), data.accuracyMeters()),
                new Booth(b.id(), b.code(), b.name(), b.nameHi(), b.latitude(), b.longitude(), b.radiusMeters()),
                frames, enrollments.appealed(r.id()), history.of(r.submissionId()));
    }

    private EnrollmentData read(EnrollmentRecord r) {
        try {
            return json.readValue(r.dataJson(), EnrollmentData.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored data of " + r.submissionId() + " is unreadable", e);
        }
    }
}
