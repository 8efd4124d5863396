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
import org.sadasya.config.SadasyaProperties;
import org.sadasya.security.Actor;
import org.sadasya.worker.WorkerFaceRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /** Another enrolment of the same worker on the same day, where it was taken. */
    public record SameDay(String submissionId, String status, java.time.OffsetDateTime receivedAt, Double latitude,
            Double longitude, Double accuracyMeters) {}

    /**
     * @param appeal         re-opened on appeal at least once
     * @param history        every decision on it, oldest first ({@link DecisionHistory})
     * @param workerId       who sent it; its reference faces are {@code /workers/{workerId}/reference-face/{n}}
     * @param referenceFaces how many reference faces that worker has
     * @param sameDay        the worker's other enrolments of that day (in the drive's time zone) in the caller's scope
     * @param memberFace     the member's face in the selfie (image pixels) as the verifier chose it, or null
     */
    public record ReviewCase(EnrollmentView enrollment, Member member, Position position, Booth booth,
            int burstFrames, boolean appeal, java.util.List<DecisionHistory.Entry> history, long workerId,
            int referenceFaces, java.util.List<SameDay> sameDay, org.sadasya.face.FaceBox memberFace) {}

    static final int MAX_SAME_DAY = 100;

    private final ReviewableEnrollments reviewable;
    private final EnrollmentRepository enrollments;
    private final OrgUnitRepository units;
    private final DecisionHistory history;
    private final ObjectMapper json;
    private final WorkerFaceRepository faces;
    private final JdbcClient jdbc;
    private final java.time.ZoneId zone;

    public ReviewCaseController(ReviewableEnrollments reviewable, EnrollmentRepository enrollments,
            OrgUnitRepository units, DecisionHistory history, ObjectMapper json, WorkerFaceRepository faces,
            JdbcClient jdbc, SadasyaProperties props) {
        this.history = history;
        this.faces = faces;
        this.jdbc = jdbc;
        this.zone = props.driveZone();
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
                frames, enrollments.appealed(r.id()), history.of(r.submissionId()), r.workerId(),
                faces.count(r.workerId()), sameDay(actor, r), enrollments.memberFace(r.id()).orElse(null));
    }

    private java.util.List<SameDay> sameDay(Actor actor, EnrollmentRecord r) {
        var day = r.receivedAt().atZoneSameInstant(zone).toLocalDate();
        var from = day.atStartOfDay(zone).toOffsetDateTime();
        var to = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        String scope = actor.scopePath() == null ? "/" : actor.scopePath();
        return jdbc.sql("SELECT submission_id, status, received_at, data_json FROM enrollment WHERE worker_id = ?"
                        + " AND received_at >= ? AND received_at < ? AND id <> ? AND booth_path LIKE ?"
                        + " ORDER BY received_at LIMIT ?")
                .params(r.workerId(), from, to, r.id(), scope + "%", MAX_SAME_DAY)
                .query((rs, i) -> {
                    EnrollmentData d = readData(rs.getString(4), rs.getString(1));
                    return new SameDay(rs.getString(1), rs.getString(2), rs.getObject(3, java.time.OffsetDateTime.class),
                            d.latitude(), d.longitude(), d.accuracyMeters());
                })
                .list();
    }

    private EnrollmentData read(EnrollmentRecord r) {
        return readData(r.dataJson(), r.submissionId());
    }

    private EnrollmentData readData(String dataJson, String submissionId) {
        try {
            return json.readValue(dataJson, EnrollmentData.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored data of " + submissionId + " is unreadable", e);
        }
    }
}
