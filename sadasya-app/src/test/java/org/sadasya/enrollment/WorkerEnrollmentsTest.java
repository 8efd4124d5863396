package org.sadasya.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.org.OrgUnit;
import org.sadasya.security.Role;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Fixture;
import org.sadasya.testsupport.MutableClock;

/** The home screen's list and counts, on H2 with a test clock. */
class WorkerEnrollmentsTest {

    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    @TempDir
    Path dir;

    // Wednesday 2 December 2026, 00:30 in India (Tuesday 19:00 UTC)
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T19:00:00Z"));
    Databases.Db db;
    Fixture f;
    Fixture.Seed seed;
    long worker;

    @BeforeEach
    void seed() {
        db = Databases.h2(dir);
        f = new Fixture(db, dir.resolve("images"), clock);
        seed = f.seed();
        worker = seed.worker().userId();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void countsFollowTheDrivesZone_todayFromLocalMidnight_weekFromMonday() {
        receive(f, seed.booth(), worker, "2026-12-01T18:45:00Z"); // Wed 00:15 IST: today
        receive(f, seed.booth(), worker, "2026-12-01T18:00:00Z"); // Tue 23:30 IST: this week, not today
        receive(f, seed.booth(), worker, "2026-11-30T00:00:00Z"); // Mon 05:30 IST: this week
        receive(f, seed.booth(), worker, "2026-11-29T18:00:00Z"); // Sun 23:30 IST: last week
        long other = f.users.insert("9812300001", "x", Role.WORKER, "Other", "9812300001", seed.booth().id());
        receive(f, seed.booth(), other, "2026-12-01T18:50:00Z");

        WorkerEnrollments.Page page = new WorkerEnrollments(f.enrollments, f.json, clock, INDIA).list(worker, null, 10);

        assertThat(page.counts()).isEqualTo(new WorkerEnrollments.Counts(1, 3));
        assertThat(page.items()).hasSize(4);
    }

    @Test
    void pages_goNewestFirst_andTheCursorContinuesWhereThePageEnded() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(receive(f, seed.booth(), worker, "2026-12-01T10:0%d:00Z".formatted(i)));
        }
        WorkerEnrollments list = new WorkerEnrollments(f.enrollments, f.json, clock, INDIA);

        WorkerEnrollments.Page first = list.list(worker, null, 2);
        WorkerEnrollments.Page second = list.list(worker, Long.parseLong(first.before()), 2);
        WorkerEnrollments.Page last = list.list(worker, Long.parseLong(second.before()), 2);

        assertThat(first.items()).extracting(WorkerEnrollments.Item::submissionId).containsExactly(ids.get(4), ids.get(3));
        assertThat(second.items()).extracting(WorkerEnrollments.Item::submissionId).containsExactly(ids.get(2), ids.get(1));
        assertThat(last.items()).extracting(WorkerEnrollments.Item::submissionId).containsExactly(ids.get(0));
        assertThat(last.before()).isNull();
        assertThat(first.items().get(0).memberName()).isEqualTo("Sunita Devi");
    }

    private static String receive(Fixture f, OrgUnit booth, long workerId, String at) {
        String id = UUID.randomUUID().toString();
        f.enrollments.insert(id, "hash-" + id, workerId, booth.id(), booth.path(),
                "{\"submissionId\":\"" + id + "\",\"member\":{\"name\":\"Sunita Devi\"}}", 202, "{}",
                OffsetDateTime.ofInstant(Instant.parse(at), ZoneOffset.UTC));
        return id;
    }
}
