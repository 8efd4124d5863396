package org.sadasya.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.member.JdbcMemberRepository.NewMember;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Fixture;
import org.sadasya.testsupport.MutableClock;
import org.sadasya.testsupport.Submissions;
import org.sadasya.verification.JobQueue.ClaimedJob;
import org.sadasya.web.ApiException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

/** The persistence layer against a real H2 file database and a real PostgreSQL server. */
class PersistenceTest {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));

    Fixture open(Kind kind) {
        return new Fixture(Databases.open(kind, dir), dir.resolve("images"), clock);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void migrationsApply_andEveryTableIsThere(Kind kind) {
        try (var db = open(kind).db) {
            var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(db.dataSource());
            for (String table : List.of("org_unit", "app_user", "api_token", "worker_face", "enrollment",
                    "enrollment_image", "member", "member_face", "verification_job", "audit_log")) {
                assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()).as(table).isZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void auditLog_isAppendOnly_theDatabaseRefusesUpdateAndDelete(Kind kind) {
        Fixture f = open(kind);
        try (var db = f.db) {
            f.audit.record("admin#1", "ORG_UNIT_CREATED", "org_unit", 1, Map.of("code", "MP"));

            assertThatThrownBy(() -> f.jdbc.sql("UPDATE audit_log SET actor = 'someone else'").update())
                    .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
            assertThatThrownBy(() -> f.jdbc.sql("DELETE FROM audit_log").update())
                    .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
            if (kind == Kind.POSTGRESQL) {
                assertThatThrownBy(() -> f.jdbc.sql("TRUNCATE audit_log").update())
                        .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
            }
            var entries = f.audit.forEntity("org_unit", "1");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).actor()).isEqualTo("admin#1");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentDuplicateSubmits_storeOneEnrolment_andAllGetTheSameAnswer(Kind kind) throws Exception {
        Fixture f = open(kind);
        try (var db = f.db) {
            Fixture.Seed seed = f.seed();
            String id = UUID.randomUUID().toString();
            String data = Submissions.data(id, seed.booth().id(), "ABC1234567", "9812345678");
            byte[] photo = Submissions.fakeJpeg(1);
            int n = 8;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SubmitEnrollment.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return f.submit.submit(seed.worker(), data, photo, List.of());
                }));
            }
            go.countDown();
            List<SubmitEnrollment.Answer> got = new ArrayList<>();
            for (var a : answers) {
                got.add(a.get());
            }
            pool.shutdown();

            assertThat(got).extracting(SubmitEnrollment.Answer::status).containsOnly(202);
            assertThat(got).extracting(SubmitEnrollment.Answer::body).containsOnly(got.get(0).body());
            assertThat(f.jdbc.sql("SELECT COUNT(*) FROM enrollment").query(Long.class).single()).isEqualTo(1);
            assertThat(f.jdbc.sql("SELECT COUNT(*) FROM verification_job").query(Long.class).single()).isEqualTo(1);
            assertThat(f.jdbc.sql("SELECT COUNT(*) FROM enrollment_image").query(Long.class).single()).isEqualTo(1);
            try (Stream<Path> files = Files.walk(dir.resolve("images"))) {
                assertThat(files.filter(p -> p.toString().endsWith(".img")).count())
                        .as("losing racers delete their image files").isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void sameSubmissionIdWithOtherContent_isASubmissionConflict(Kind kind) {
        Fixture f = open(kind);
        try (var db = f.db) {
            Fixture.Seed seed = f.seed();
            String id = UUID.randomUUID().toString();
            f.submit.submit(seed.worker(), Submissions.data(id, seed.booth().id(), "ABC1234567", "9812345678"),
                    Submissions.fakeJpeg(1), List.of());

            assertThatThrownBy(() -> f.submit.submit(seed.worker(),
                    Submissions.data(id, seed.booth().id(), "ABC7654321", "9812345678"), Submissions.fakeJpeg(1), List.of()))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("SUBMISSION_CONFLICT"));
            assertThatThrownBy(() -> f.submit.submit(seed.worker(),
                    Submissions.data(id, seed.booth().id(), "ABC1234567", "9812345678"), Submissions.fakeJpeg(2), List.of()))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("SUBMISSION_CONFLICT"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void storedImage_isEncryptedAtRest_andReadsBack(Kind kind) throws Exception {
        Fixture f = open(kind);
        try (var db = f.db) {
            Fixture.Seed seed = f.seed();
            String id = UUID.randomUUID().toString();
            byte[] photo = Submissions.fakeJpeg(7);
            f.submit.submit(seed.worker(), Submissions.data(id, seed.booth().id(), "ABC1234567", "9812345678"), photo,
                    List.of());
            var record = f.enrollments.findBySubmissionId(id).orElseThrow();
            var image = f.enrollments.images(record.id()).get(0);
            Path file = f.images.path(image.imageKey());
            byte[] onDisk = Files.readAllBytes(file);

            assertThat(new String(onDisk, 0, 12, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("SDY2" + f.images.keyId());
            assertThat(indexOf(onDisk, "JFIF".getBytes())).as("plain image bytes on disk").isEqualTo(-1);
            assertThat(f.images.get(image.imageKey())).isEqualTo(photo);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void jobQueue_claimsOnce_reclaimsAfterTheLease_andOnlyTheCurrentClaimCompletes(Kind kind) {
        Fixture f = open(kind);
        try (var db = f.db) {
            Fixture.Seed seed = f.seed();
            f.submit.submit(seed.worker(), Submissions.data(UUID.randomUUID().toString(), seed.booth().id(), "ABC1234567",
                    "9812345678"), Submissions.fakeJpeg(1), List.of());

            ClaimedJob first = f.jobs.claim("a", Duration.ofSeconds(60)).orElseThrow();
            assertThat(f.jobs.claim("b", Duration.ofSeconds(60))).as("held by a").isEmpty();

            clock.advance(Duration.ofSeconds(61)); // a died: its lease runs out
            ClaimedJob second = f.jobs.claim("b", Duration.ofSeconds(60)).orElseThrow();
            assertThat(second.id()).isEqualTo(first.id());
            assertThat(second.attempts()).isEqualTo(2);

            assertThat((boolean) f.tx.execute(s -> f.jobs.complete(first))).as("a's stale claim").isFalse();
            assertThat((boolean) f.tx.execute(s -> f.jobs.complete(second))).isTrue();
            assertThat((boolean) f.tx.execute(s -> f.jobs.complete(second))).as("only once").isFalse();
            clock.advance(Duration.ofMinutes(5));
            assertThat(f.jobs.claim("c", Duration.ofSeconds(60))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void members_getReadableIdsFromASequence_andAnEpicIsUsedOnce(Kind kind) {
        Fixture f = open(kind);
        try (var db = f.db) {
            Fixture.Seed seed = f.seed();
            long e1 = enrolment(f, seed, "ABC1234567");
            long e2 = enrolment(f, seed, "ABC1234568");
            var m1 = f.tx.execute(s -> f.members.insert(member(seed, e1, "ABC1234567"), new float[] {1, 0}, "test"));
            var m2 = f.tx.execute(s -> f.members.insert(member(seed, e2, "ABC1234568"), new float[] {0, 1}, "test"));

            assertThat(m1.memberCode()).isEqualTo("MP-0000001");
            assertThat(m2.memberCode()).isEqualTo("MP-0000002");
            assertThat(f.members.findByEpic("ABC1234567")).contains(m1);
            assertThat(f.members.findByMobile("9812345678")).contains(m1);
            long e3 = enrolment(f, seed, "ABC1234569");
            assertThatThrownBy(() -> f.tx.execute(s -> f.members.insert(member(seed, e3, "ABC1234567"), new float[] {1, 1},
                    "test"))).isInstanceOf(DuplicateKeyException.class);
            assertThat(f.members.count()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void memberIssuing_isSerialisedByTheIssueLock(Kind kind) throws Exception {
        Fixture f = open(kind);
        try (var db = f.db) {
            CountDownLatch held = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> first = pool.submit(() -> f.tx.executeWithoutResult(s -> {
                f.members.lockIssuing();
                held.countDown();
                sleep(600);
            }));
            held.await();
            long t0 = System.nanoTime();
            f.tx.executeWithoutResult(s -> f.members.lockIssuing());
            long waitedMillis = (System.nanoTime() - t0) / 1_000_000;
            first.get();
            pool.shutdown();
            assertThat(waitedMillis).as("the second issuer waits for the first").isGreaterThan(300);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long enrolment(Fixture f, Fixture.Seed seed, String epic) {
        String id = UUID.randomUUID().toString();
        f.submit.submit(seed.worker(), Submissions.data(id, seed.booth().id(), epic, "9812345678"),
                Submissions.fakeJpeg(epic.hashCode()), List.of());
        return f.enrollments.findBySubmissionId(id).orElseThrow().id();
    }

    private static NewMember member(Fixture.Seed seed, long enrollmentId, String epic) {
        return new NewMember(enrollmentId, "Sunita Devi", "सुनीता देवी", "9812345678", epic, 34, "F", seed.booth().id(),
                seed.worker().userId());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
