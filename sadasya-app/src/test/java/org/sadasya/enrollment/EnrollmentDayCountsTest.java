package org.sadasya.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.org.OrgLevel;
import org.sadasya.org.OrgUnit;
import org.sadasya.security.Role;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Fixture;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The day counts kept at each status change equal what a recount of the enrolments gives, after a
 * random history of intake, decisions, reviews and appeals, and after concurrent intake into one
 * new cell (the first insert of a row races there).
 */
class EnrollmentDayCountsTest {

    @TempDir
    Path dir;
    Fixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.db.close();
        }
    }

    @Test
    void aBoothCountsForItsParent() {
        assertThat(EnrollmentDayCounts.unitPathOf("/1/4/17/")).isEqualTo("/1/4/");
        assertThat(EnrollmentDayCounts.unitPathOf("/1/2/")).isEqualTo("/1/");
        assertThat(EnrollmentDayCounts.istDayOf(OffsetDateTime.parse("2026-11-20T18:45:00Z")))
                .as("00:15 IST on the 21st").isEqualTo((int) java.time.LocalDate.parse("2026-11-21").toEpochDay());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void keptCounts_equalARecount_afterARandomHistory(Kind kind) {
        f = new Fixture(Databases.open(kind, dir), dir.resolve("images"), Clock.systemUTC());
        List<OrgUnit> booths = booths();
        long worker = f.tx.execute(s -> f.users.insert("9812300001", "x", Role.WORKER, "W", "9812300001", booths.get(0).id()));
        long reviewer = f.tx.execute(s -> f.users.insert("rev-1", "x", Role.REVIEWER, "R", null, null));
        SplittableRandom random = new SplittableRandom(11);
        OffsetDateTime start = OffsetDateTime.parse("2026-11-20T12:00:00Z");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            OrgUnit booth = booths.get(random.nextInt(booths.size()));
            // every 20 minutes or so over four days, across IST midnights (18:30 UTC)
            OffsetDateTime received = start.plusSeconds(i * 1500L + random.nextInt(600));
            ids.add(f.tx.execute(s -> f.enrollments.insert(UUID.randomUUID().toString(), "0".repeat(64), worker,
                    booth.id(), booth.path(), "{}", 202, "{}", received)));
        }
        for (long id : ids) {
            OffsetDateTime received = f.enrollments.find(id).orElseThrow().receivedAt();
            int pick = random.nextInt(10);
            if (pick == 0) {
                continue; // still undecided
            }
            EnrollmentStatus status = pick < 5 ? EnrollmentStatus.ACCEPTED : pick < 8 ? EnrollmentStatus.REJECTED : EnrollmentStatus.REVIEW;
            String reasons = status == EnrollmentStatus.REJECTED ? reasons(random) : "[]";
            OffsetDateTime at = received.plusSeconds(1 + random.nextInt(30));
            f.tx.executeWithoutResult(s -> f.enrollments.decide(id, status, reasons, null, null, null, null, at));
        }
        for (long id : ids) {
            EnrollmentRecord e = f.enrollments.find(id).orElseThrow();
            if (e.status() == EnrollmentStatus.REVIEW || (e.status() == EnrollmentStatus.REJECTED && random.nextInt(3) == 0)) {
                if (e.status() == EnrollmentStatus.REJECTED) {
                    Integer reopened = f.tx.execute(s -> f.enrollments.reopen(id, "[]", e.decidedAt().plusHours(5)));
                    Integer again = f.tx.execute(s -> f.enrollments.reopen(id, "[]", e.decidedAt().plusHours(6)));
                    assertThat(reopened).isEqualTo(1);
                    assertThat(again).as("only a rejection re-opens").isZero();
                }
                if (random.nextInt(4) > 0) {
                    boolean accept = random.nextBoolean();
                    String reasons = accept ? "[]" : "[{\"code\":\"REVIEWER_DECISION\",\"outcome\":\"REJECT\"}]";
                    f.tx.executeWithoutResult(s -> f.enrollments.resolve(id,
                            accept ? EnrollmentStatus.ACCEPTED : EnrollmentStatus.REJECTED, reasons, null, reviewer, "n",
                            e.receivedAt().plusHours(2 + random.nextInt(40))));
                }
            }
        }
        // a decision that no longer applies changes nothing, in the enrolment or its counts
        Integer late = f.tx.execute(s -> f.enrollments.decide(ids.get(0), EnrollmentStatus.ACCEPTED, "[]", null, null,
                null, null, OffsetDateTime.now()));
        assertThat(late).isZero();

        List<Map<String, Object>> kept = snapshot();
        assertThat(kept).isNotEmpty();
        assertThat(kept.stream().mapToLong(r -> ((Number) r.get("submitted")).longValue()).sum()).isEqualTo(240);
        assertThat(kept).allSatisfy(r -> r.forEach((k, v) -> {
            if (v instanceof Number n) {
                assertThat(n.longValue()).as(k).isNotNegative();
            }
        }));
        assertThat(reasonsSnapshot()).isNotEmpty();
        List<Map<String, Object>> keptReasons = reasonsSnapshot();

        f.tx.executeWithoutResult(s -> EnrollmentDayCounts.rebuild(new JdbcTemplate(f.db.dataSource())));
        assertThat(snapshot()).isEqualTo(kept);
        assertThat(reasonsSnapshot()).isEqualTo(keptReasons);
        // and the recount agrees with a plain count of the enrolments
        long accepted = f.jdbc.sql("SELECT COUNT(*) FROM enrollment WHERE status = 'ACCEPTED'").query(Long.class).single();
        assertThat(kept.stream().mapToLong(r -> ((Number) r.get("accepted")).longValue()).sum()).isEqualTo(accepted);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentIntakeIntoOneNewCell_losesNoCount(Kind kind) throws Exception {
        f = new Fixture(Databases.open(kind, dir), dir.resolve("images"), Clock.systemUTC());
        OrgUnit booth = booths().get(0);
        long worker = f.tx.execute(s -> f.users.insert("9812300002", "x", Role.WORKER, "W", "9812300002", booth.id()));
        OffsetDateTime day = OffsetDateTime.of(2026, 11, 25, 6, 0, 0, 0, ZoneOffset.UTC);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        OffsetDateTime at = day.plusSeconds(thread * 100L + i);
                        f.tx.executeWithoutResult(s -> {
                            long id = f.enrollments.insert(UUID.randomUUID().toString(), "0".repeat(64), worker,
                                    booth.id(), booth.path(), "{}", 202, "{}", at);
                            f.enrollments.decide(id, EnrollmentStatus.ACCEPTED, "[]", null, null, null, null, at.plusSeconds(3));
                        });
                    }
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } finally {
            pool.shutdown();
        }
        List<Map<String, Object>> kept = snapshot();
        assertThat(kept).hasSize(1);
        assertThat(((Number) kept.get(0).get("submitted")).longValue()).isEqualTo(100);
        assertThat(((Number) kept.get(0).get("accepted")).longValue()).isEqualTo(100);
        assertThat(((Number) kept.get(0).get(DecisionTimeBuckets.column(DecisionTimeBuckets.of(3))))
                .longValue()).isEqualTo(100);
    }

    /** A state › district › two sectors, with two booths in the first and one in the second. */
    private List<OrgUnit> booths() {
        return f.tx.execute(s -> {
            OrgUnit state = f.orgUnits.insert(null, OrgLevel.STATE, "DC", "State", null, null, null, null);
            OrgUnit district = f.orgUnits.insert(state, OrgLevel.DISTRICT, "DC-D", "District", null, null, null, null);
            OrgUnit s1 = f.orgUnits.insert(district, OrgLevel.SECTOR, "DC-S1", "Sector 1", null, null, null, null);
            OrgUnit s2 = f.orgUnits.insert(district, OrgLevel.SECTOR, "DC-S2", "Sector 2", null, null, null, null);
            return List.of(booth(s1, "DC-B1"), booth(s1, "DC-B2"), booth(s2, "DC-B3"));
        });
    }

    private OrgUnit booth(OrgUnit parent, String code) {
        return f.orgUnits.insert(parent, OrgLevel.BOOTH, code, code, null, 23.0, 77.0, 200.0);
    }

    /** One or two rules that rejected, and one that passed, as RuleResult's JSON has them. */
    private static String reasons(SplittableRandom random) {
        String[] codes = {"LIVENESS", "FACE_COUNT", "DUPLICATE_FACE", "FIELD_PRESENCE"};
        String first = codes[random.nextInt(codes.length)];
        String second = codes[random.nextInt(codes.length)];
        return "[{\"code\":\"WORKER_MATCH\",\"outcome\":\"PASS\",\"detail\":\"ok\"},"
                + "{\"code\":\"" + first + "\",\"outcome\":\"REJECT\",\"detail\":\"x\"}"
                + (first.equals(second) ? "" : ",{\"code\":\"" + second + "\",\"outcome\":\"REJECT\",\"detail\":\"y\"}") + "]";
    }

    private List<Map<String, Object>> snapshot() {
        return f.jdbc.sql("SELECT * FROM enrollment_day ORDER BY unit_path, ist_day").query().listOfRows().stream()
                .map(EnrollmentDayCountsTest::normalised).toList();
    }

    private List<Map<String, Object>> reasonsSnapshot() {
        return f.jdbc.sql("SELECT * FROM enrollment_day_reason ORDER BY unit_path, ist_day, code").query().listOfRows()
                .stream().map(EnrollmentDayCountsTest::normalised).toList();
    }

    /** Column names in lower case, numbers as longs: the two databases' drivers differ in both. */
    private static Map<String, Object> normalised(Map<String, Object> row) {
        Map<String, Object> out = new java.util.TreeMap<>();
        row.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v instanceof Number n ? (Object) n.longValue() : v));
        return out;
    }
}
