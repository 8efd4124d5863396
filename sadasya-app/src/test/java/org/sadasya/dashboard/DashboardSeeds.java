package org.sadasya.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.sadasya.decision.ReasonCode;
import org.sadasya.decision.RuleResult;
import org.sadasya.enrollment.EnrollmentDayCounts;
import org.sadasya.enrollment.EnrollmentStatus;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.Submissions;
import org.sadasya.verification.VerifyEnrollment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A known drive for the dashboard tests: state › districts A and B; A › block A1 › booths a1, a2;
 * B › booth b1; workers Asha (a1), Ravi (a2), Meena (b1); fourteen enrolments over three IST days
 * in every status, one of them sent to review and then rejected by A's reviewer through the API.
 * The units, workers and reviewers are made through the API; the enrolments are written as rows
 * (their days lie in the past, which the intake cannot make) with their reasons written by the
 * pipeline's own writer ({@link VerifyEnrollment#reasonsJson}). Tests compute every expected
 * number from {@link #rows}, never from the database.
 */
final class DashboardSeeds {

    /** One seeded enrolment: receipt in IST, final status, the rule that rejected it, seconds to the decision. */
    record Row(String worker, String booth, LocalDateTime receivedIst, String status, String rejectedBy,
            long decisionSeconds) {
        LocalDate day() {
            return receivedIst.toLocalDate();
        }
    }

    /** Rejected by the reviewer after the rows are written: its decision takes until now, longer than any other. */
    static final long BY_REVIEWER = Long.MAX_VALUE;

    static final List<Row> ROWS = List.of(
            new Row("asha", "a1", ist("2026-11-20T10:00"), "ACCEPTED", null, 30),
            new Row("asha", "a1", ist("2026-11-20T11:00"), "REJECTED", "LIVENESS", 40),
            new Row("ravi", "a2", ist("2026-11-20T12:00"), "REVIEW", null, 0),
            new Row("meena", "b1", ist("2026-11-20T09:00"), "ACCEPTED", null, 20),
            // 18:45 UTC on the 20th: the 21st in India
            new Row("asha", "a1", ist("2026-11-21T00:15"), "ACCEPTED", null, 50),
            new Row("ravi", "a2", ist("2026-11-21T13:00"), "REJECTED", "FACE_COUNT", 60),
            new Row("ravi", "a2", ist("2026-11-21T14:00"), "REJECTED", "LIVENESS", 70),
            new Row("meena", "b1", ist("2026-11-21T15:00"), "REJECTED", "DUPLICATE_FACE", 25),
            new Row("meena", "b1", ist("2026-11-21T16:00"), "REVIEW", null, 0),
            new Row("asha", "a1", ist("2026-11-22T09:30"), "REJECTED", "REVIEWER_DECISION", BY_REVIEWER),
            new Row("asha", "a1", ist("2026-11-22T10:30"), "RECEIVED", null, 0),
            new Row("ravi", "a2", ist("2026-11-22T11:30"), "ACCEPTED", null, 80),
            new Row("ravi", "a2", ist("2026-11-22T12:30"), "REVIEW", null, 0),
            // 18:20 UTC: still the 22nd in India
            new Row("asha", "a1", ist("2026-11-22T23:50"), "ACCEPTED", null, 90));

    static LocalDateTime ist(String text) {
        return LocalDateTime.parse(text);
    }

    /** What was made: unit ids by name (state, A, B, A1, a1, a2, b1), worker ids by name, logged-in reviewers. */
    record Seeded(Map<String, Long> units, Map<String, Long> workers, Api reviewerOfA, Api reviewerOfState,
            String reviewerOfStateName, List<Row> rows) {

        long unit(String name) {
            return units.get(name);
        }

        /** The booths below a unit. */
        List<String> boothsOf(String name) {
            return switch (name) {
                case "state" -> List.of("a1", "a2", "b1");
                case "A", "A1" -> List.of("a1", "a2");
                case "B" -> List.of("b1");
                default -> List.of(name);
            };
        }

        List<Row> in(String name) {
            return rows.stream().filter(r -> boothsOf(name).contains(r.booth())).toList();
        }
    }

    static Seeded seed(Api anonymous, Api admin, JdbcClient jdbc, VerifyEnrollment pipeline, int n) {
        Map<String, Long> units = new java.util.HashMap<>();
        units.put("state", unit(admin, null, "STATE", "DS%d".formatted(n), "Dash State %d".formatted(n), null));
        units.put("A", unit(admin, units.get("state"), "DISTRICT", "DS%d-A".formatted(n), "District A", "ज़िला अ"));
        units.put("B", unit(admin, units.get("state"), "DISTRICT", "DS%d-B".formatted(n), "District B", "ज़िला ब"));
        units.put("A1", unit(admin, units.get("A"), "BLOCK", "DS%d-A1".formatted(n), "Block A1", null));
        units.put("a1", booth(admin, units.get("A1"), "DS%d-a1".formatted(n), "Booth a1"));
        units.put("a2", booth(admin, units.get("A1"), "DS%d-a2".formatted(n), "Booth a2"));
        units.put("b1", booth(admin, units.get("B"), "DS%d-b1".formatted(n), "Booth b1"));
        Map<String, Long> workers = new java.util.HashMap<>();
        String[][] people = {{"asha", "a1", "Asha"}, {"ravi", "a2", "Ravi"}, {"meena", "b1", "Meena"}};
        for (int i = 0; i < people.length; i++) {
            workers.put(people[i][0], Hierarchy.created(admin.post("/api/v1/workers",
                    "{\"name\": \"%s\", \"mobile\": \"%s\", \"password\": \"worker-pw-1\", \"orgUnitId\": %d}"
                            .formatted(people[i][2], "97%07d%d".formatted(n, i), units.get(people[i][1])))));
        }
        Api reviewerOfA = reviewer(anonymous, admin, "dash-a-" + n, units.get("A"));
        String stateReviewer = "dash-s-" + n;
        Api reviewerOfState = reviewer(anonymous, admin, stateReviewer, units.get("state"));

        String toReject = null;
        for (Row r : ROWS) {
            String id = insert(jdbc, pipeline, r, workers.get(r.worker()), units.get(r.booth()), path(admin, units.get(r.booth())));
            if (r.decisionSeconds() == BY_REVIEWER) {
                toReject = id;
            }
        }
        Api.Response rejected = reviewerOfA.post("/api/v1/reviews/" + toReject,
                "{\"decision\": \"REJECT\", \"note\": \"the member is not in the photo\"}");
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        return new Seeded(units, workers, reviewerOfA, reviewerOfState, stateReviewer, ROWS);
    }

    private static String insert(JdbcClient jdbc, VerifyEnrollment pipeline, Row r, long workerId, long boothId,
            String boothPath) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime received = r.receivedIst().atZone(Window.IST).toOffsetDateTime();
        // a row rejected by the reviewer is still in REVIEW when written
        String status = r.decisionSeconds() == BY_REVIEWER ? "REVIEW" : r.status();
        List<RuleResult> reasons = new ArrayList<>();
        reasons.add(RuleResult.pass(ReasonCode.WORKER_MATCH, "worker matched", Map.of("similarity", 0.9)));
        if ("REJECTED".equals(status)) {
            reasons.add(RuleResult.reject(ReasonCode.valueOf(r.rejectedBy()), "rejected", Map.of()));
        } else if ("REVIEW".equals(status)) {
            reasons.add(RuleResult.review(ReasonCode.LIVENESS, "in doubt", Map.of("maxSpoofScore", 0.5)));
        }
        boolean decided = !"RECEIVED".equals(status);
        jdbc.sql("INSERT INTO enrollment (submission_id, content_sha256, worker_id, booth_id, booth_path, data_json, status,"
                        + " reasons_json, response_status, response_body, received_at, decided_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 202, '{}', ?, ?)")
                .params(id, "0".repeat(64), workerId, boothId, boothPath,
                        Submissions.data(id, boothId, "DSH0000001", "9700000001"), status,
                        decided ? pipeline.reasonsJson(reasons) : null, received,
                        decided ? received.plusSeconds("REVIEW".equals(status) ? 5 : r.decisionSeconds()) : null)
                .update();
        // written around the repository, so the day counts are told here
        OffsetDateTime decidedAt = decided ? received.plusSeconds("REVIEW".equals(status) ? 5 : r.decisionSeconds()) : null;
        new EnrollmentDayCounts(jdbc).added(new EnrollmentDayCounts.Contribution(boothPath, received,
                EnrollmentStatus.valueOf(status), decided ? pipeline.reasonsJson(reasons) : null, decidedAt));
        return id;
    }

    private static long unit(Api admin, Long parent, String level, String code, String name, String nameHi) {
        return Hierarchy.created(admin.post("/api/v1/org-units",
                "{\"parentId\": %s, \"level\": \"%s\", \"code\": \"%s\", \"name\": \"%s\"%s}".formatted(parent, level, code,
                        name, nameHi == null ? "" : ", \"nameHi\": \"" + nameHi + "\"")));
    }

    private static long booth(Api admin, long parent, String code, String name) {
        return Hierarchy.created(admin.post("/api/v1/org-units", ("{\"parentId\": %d, \"level\": \"BOOTH\", \"code\": \"%s\","
                + " \"name\": \"%s\", \"latitude\": 23.26, \"longitude\": 77.4127, \"radiusMeters\": 200}")
                .formatted(parent, code, name)));
    }

    private static String path(Api admin, long unitId) {
        return admin.get("/api/v1/org-units/" + unitId).json().get("path").asText();
    }

    private static Api reviewer(Api anonymous, Api admin, String username, long unitId) {
        Hierarchy.created(admin.post("/api/v1/users", ("{\"username\": \"%s\", \"password\": \"review-pw-1\", \"name\": \"R\","
                + " \"role\": \"REVIEWER\", \"orgUnitId\": %d}").formatted(username, unitId)));
        return anonymous.login(username, "review-pw-1");
    }

    static long count(List<Row> rows, Predicate<Row> p) {
        return rows.stream().filter(p).count();
    }
}
