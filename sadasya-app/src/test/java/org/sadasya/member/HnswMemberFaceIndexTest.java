package org.sadasya.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.decision.MemberFaceIndex.FaceMatch;
import org.sadasya.decision.MemberRepository.MemberRef;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.member.JdbcMemberRepository.NewMember;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Fixture;
import org.sadasya.testsupport.MutableClock;
import org.sadasya.testsupport.Submissions;

/**
 * The HNSW adapter against a real database (H2 and PostgreSQL): it follows the member_face table
 * by change number across restarts, rebuilds when its files are gone or broken, holds one model's faces,
 * and keeps the last duplicate check under the member-issue lock exact.
 */
class HnswMemberFaceIndexTest {

    static final int DIM = 8;
    static final HnswOptions OPTIONS = HnswOptions.defaults().withRamBufferMb(16);

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    int epics;

    Fixture open(Kind kind) {
        return new Fixture(Databases.open(kind, dir), dir.resolve("images"), clock);
    }

    Path indexDir() {
        return dir.resolve("index");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void restart_replaysTheFacesIssuedWhileTheIndexWasClosed(Kind kind) {
        Fixture f = open(kind);
        try (var db = f.db) {
            Fixture.Seed seed = f.seed();
            MemberRef first = issue(f, seed, face(0), "m1");
            MemberRef second = issue(f, seed, face(1), "m1");
            try (HnswMemberFaceIndex idx = HnswMemberFaceIndex.open(f.jdbc, indexDir(), "m1", OPTIONS)) {
                assertThat(idx.size()).isEqualTo(2);
                assertThat(idx.nearest("m1", face(1), 1)).containsExactly(new FaceMatch(second.id(), second.memberCode(), 1.0));
            }
            long markAtClose = committedMark(f);

            MemberRef third = issue(f, seed, face(2), "m1"); // while no index is open

            try (HnswMemberFaceIndex idx = HnswMemberFaceIndex.open(f.jdbc, indexDir(), "m1", OPTIONS)) {
                assertThat(idx.opening().rebuilt()).isFalse();
                assertThat(idx.opening().markOnDisk()).isEqualTo(markAtClose);
                assertThat(idx.highWaterMark()).as("caught up on start, before any search").isGreaterThan(markAtClose);
                assertThat(idx.size()).isEqualTo(3);
                assertThat(idx.nearest("m1", face(2), 1)).containsExactly(new FaceMatch(third.id(), third.memberCode(), 1.0));
                assertThat(idx.nearest("m1", face(0), 3)).extracting(FaceMatch::memberCode)
                        .startsWith(first.memberCode()).hasSize(3);

                MemberRef fourth = issue(f, seed, face(3), "m1"); // while it is open: the next search sees it
                assertThat(idx.nearest("m1", face(3), 1)).containsExactly(new FaceMatch(fourth.id(), fourth.memberCode(), 1.0));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void missingOrBrokenIndexFiles_areRebuiltFromTheDatabase(Kind kind) throws Exception {
        Fixture f = open(kind);
        try (var db = f.db) {
            Fixture.Seed seed = f.seed();
            issue(f, seed, face(0), "m1");
            MemberRef second = issue(f, seed, face(1), "m1");
            HnswMemberFaceIndex.open(f.jdbc, indexDir(), "m1", OPTIONS).close();

            deleteTree(indexDir().resolve("members"));
            try (HnswMemberFaceIndex idx = HnswMemberFaceIndex.open(f.jdbc, indexDir(), "m1", OPTIONS)) {
                assertThat(idx.opening().rebuilt()).isTrue();
                assertThat(idx.size()).isEqualTo(2);
            }

            try (Stream<Path> files = Files.list(indexDir().resolve("members"))) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                    Files.write(p, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}); // a torn commit point
                }
            }
            try (HnswMemberFaceIndex idx = HnswMemberFaceIndex.open(f.jdbc, indexDir(), "m1", OPTIONS)) {
                assertThat(idx.opening().rebuilt()).isTrue();
                assertThat(idx.size()).isEqualTo(2);
                assertThat(idx.nearest("m1", face(1), 1)).extracting(FaceMatch::memberCode).containsExactly(second.memberCode());
            }
        }
    }

    /**
     * A member re-embedded for a new model has a row of each model: each model's index holds its own
     * rows and ignores the other's, and a query of the other model finds nothing.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void eachModelsIndex_holdsThatModelsFacesOnly(Kind kind) {
        Fixture f = open(kind);
        try (var db = f.db) {
            Fixture.Seed seed = f.seed();
            MemberRef old = issue(f, seed, face(0), "m1");
            float[] small = new float[4];
            small[0] = 1;
            try (HnswMemberFaceIndex m1 = HnswMemberFaceIndex.open(f.jdbc, indexDir().resolve("m1"), "m1", OPTIONS);
                    HnswMemberFaceIndex m2 = HnswMemberFaceIndex.open(f.jdbc, indexDir().resolve("m2"), "m2", OPTIONS)) {
                assertThat(m2.size()).isZero();
                f.jdbc.sql("INSERT INTO member_face (member_id, embedding, model_version, created_at, change_seq)"
                                + " VALUES (?, ?, 'm2', ?, nextval('member_face_change_seq'))")
                        .params(old.id(), org.sadasya.common.Embeddings.toBytes(small), java.time.OffsetDateTime.now())
                        .update(); // the same member, re-embedded
                MemberRef newer = issue(f, seed, face(1), "m1");
                assertThat(m2.nearest("m2", small, 5)).extracting(FaceMatch::memberCode).containsExactly(old.memberCode());
                assertThat(m1.nearest("m1", face(1), 5)).extracting(FaceMatch::memberCode)
                        .startsWith(newer.memberCode()).hasSize(2);
                assertThat(m1.nearest("m2", face(1), 5)).as("another model's query").isEmpty();
                assertThat(m1.size()).isEqualTo(2);
                assertThat(m2.size()).isEqualTo(1);
            }
            try (HnswMemberFaceIndex m2 = HnswMemberFaceIndex.open(f.jdbc, indexDir().resolve("m2"), "m2", OPTIONS)) {
                assertThat(m2.opening().rebuilt()).as("opened, not rebuilt, though m1 rows came after").isFalse();
                assertThat(m2.size()).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anIndexAheadOfTheDatabase_isRebuilt_andAnEmptyDatabaseEmptiesIt(Kind kind) {
        Fixture f = open(kind);
        try (var db = f.db) {
            Fixture.Seed seed = f.seed();
            MemberRef first = issue(f, seed, face(0), "m1");
            MemberRef second = issue(f, seed, face(1), "m1");
            HnswMemberFaceIndex.open(f.jdbc, indexDir(), "m1", OPTIONS).close();
            // the index holds a face the database does not (e.g. the database was restored from a backup)
            f.jdbc.sql("DELETE FROM member_face WHERE member_id = ?").params(second.id()).update();
            try (HnswMemberFaceIndex idx = HnswMemberFaceIndex.open(f.jdbc, indexDir(), "m1", OPTIONS)) {
                assertThat(idx.size()).isEqualTo(1);
                assertThat(idx.nearest("m1", face(1), 5)).extracting(FaceMatch::memberCode).containsExactly(first.memberCode());
            }
            f.jdbc.sql("DELETE FROM member_face").update();
            try (HnswMemberFaceIndex idx = HnswMemberFaceIndex.open(f.jdbc, indexDir(), "m1", OPTIONS)) {
                assertThat(idx.size()).isZero();
                assertThat(idx.nearest("m1", face(0), 1)).isEmpty();
            }
            assertThat(indexDir().resolve("members")).doesNotExist();
        }
    }

    /**
     * Two verifiers accept the same person at the same moment: both decided "no duplicate" before
     * either issued; under the issue lock the index (caught up before each search) shows the second
     * the first one's member. Exactly one member id is issued.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void simultaneousAcceptancesOfOnePerson_issueOneMember(Kind kind) throws Exception {
        Fixture f = open(kind);
        try (var db = f.db; HnswMemberFaceIndex idx = HnswMemberFaceIndex.open(f.jdbc, indexDir(), "m1", OPTIONS)) {
            Fixture.Seed seed = f.seed();
            issue(f, seed, face(5), "m1"); // someone else, so that the index exists
            long e1 = enrolment(f, seed);
            long e2 = enrolment(f, seed);
            float[] person = face(0);
            assertThat(idx.nearest("m1", person, 1)).allMatch(m -> m.similarity() < 0.5); // both decided: not a duplicate
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> issued = Stream.of(e1, e2).map(e -> pool.submit(() -> {
                    together.await();
                    return f.tx.execute(s -> {
                        f.members.lockIssuing();
                        List<FaceMatch> nearest = idx.nearest("m1", person, 1); // the last check, under the lock
                        if (!nearest.isEmpty() && nearest.get(0).similarity() >= 0.5) {
                            return false;
                        }
                        f.members.insert(member(seed, e), person, "m1");
                        return true;
                    });
                })).toList();
                long members = 0;
                for (Future<Boolean> r : issued) {
                    members += r.get() ? 1 : 0;
                }
                assertThat(members).isEqualTo(1);
            } finally {
                pool.shutdown();
            }
            assertThat(f.members.count()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = "H2")
    void anIndexOpenElsewhere_isNotDeletedByARebuild(Kind kind) {
        Fixture f = open(kind);
        try (var db = f.db) {
            issue(f, f.seed(), face(0), "m1");
            try (HnswMemberFaceIndex running = HnswMemberFaceIndex.open(f.jdbc, indexDir(), "m1", OPTIONS)) {
                assertThatThrownBy(() -> HnswMemberFaceIndex.rebuild(f.jdbc, indexDir(), "m1", OPTIONS))
                        .hasMessageContaining("in use");
                assertThat(running.size()).isEqualTo(1);
            }
            assertThat(HnswMemberFaceIndex.rebuild(f.jdbc, indexDir(), "m1", OPTIONS).members()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aProjectedIndex_learnsItsProjectionAtTheRebuild_andStillFollowsTheDatabase(Kind kind) throws Exception {
        HnswOptions projected = OPTIONS.withProjection(4, 1000); // 4 dimensions need at least 16 faces
        Fixture f = open(kind);
        try (var db = f.db) {
            Fixture.Seed seed = f.seed();
            java.util.Random random = new java.util.Random(3);
            List<float[]> faces = new java.util.ArrayList<>();
            List<MemberRef> members = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                faces.add(randomFace(random));
                members.add(issue(f, seed, faces.get(i), "m1"));
            }
            try (HnswMemberFaceIndex idx = HnswMemberFaceIndex.open(f.jdbc, indexDir(), "m1", projected)) {
                assertThat(idx.opening().rebuilt()).isTrue();
                assertThat(projectionFiles()).as("the rebuild learned a projection").hasSize(1);
                for (int i = 0; i < faces.size(); i++) {
                    assertThat(idx.nearest("m1", faces.get(i), 1)).extracting(FaceMatch::memberCode)
                            .containsExactly(members.get(i).memberCode());
                }
            }
            float[] late = randomFace(random);
            MemberRef lateMember = issue(f, seed, late, "m1"); // while no index is open
            try (HnswMemberFaceIndex idx = HnswMemberFaceIndex.open(f.jdbc, indexDir(), "m1", projected)) {
                assertThat(idx.opening().rebuilt()).isFalse();
                assertThat(idx.size()).isEqualTo(25);
                assertThat(idx.nearest("m1", late, 1)).extracting(FaceMatch::memberCode).containsExactly(lateMember.memberCode());
                assertThat(idx.nearest("m1", late, 1).get(0).similarity()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
            }
        }
    }

    List<String> projectionFiles() throws Exception {
        try (Stream<Path> files = Files.list(indexDir().resolve("members"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("sadasya-projection-")).toList();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void openedInTheBackground_isOutOfServiceUntilBuilt_thenAnswers_andAFailedBuildIsDownUntilASearchOpensIt(Kind kind) throws Exception {
        Fixture f = open(kind);
        String model = org.sadasya.face.model.EmbeddingModel.MOBILEFACENET.version();
        var models = org.sadasya.reembed.FaceModels.of(org.sadasya.face.model.EmbeddingModel.MOBILEFACENET);
        try (var db = f.db) {
            Fixture.Seed seed = f.seed();
            MemberRef member = issue(f, seed, face(4), model);
            // the build waits until the test lets it run: the service's start-up is not blocked meanwhile
            List<Runnable> held = new java.util.ArrayList<>();
            try (MemberFaceIndexes indexes = MemberFaceIndexes.openInBackground(f.jdbc, indexDir(), OPTIONS, List.of(model),
                    held::add)) {
                var health = new org.sadasya.ops.MemberIndexHealth(indexes, models, f.jdbc);
                assertThat(indexes.ready()).isFalse();
                assertThat(health.health().getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.OUT_OF_SERVICE);
                assertThat(held).hasSize(1);

                held.get(0).run();

                assertThat(indexes.ready()).isTrue();
                assertThat(health.health().getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
                assertThat(indexes.nearest(model, face(4), 1)).containsExactly(new FaceMatch(member.id(), member.memberCode(), 1.0));
            }
            // the model's index directory cannot be made (a file in its place): DOWN
            Path blocked = dir.resolve("blocked");
            Files.createDirectories(blocked);
            Files.writeString(MemberFaceIndexes.directoryOf(blocked, model), "not a directory");
            try (MemberFaceIndexes indexes = MemberFaceIndexes.openInBackground(f.jdbc, blocked, OPTIONS, List.of(model),
                    Runnable::run)) {
                assertThat(indexes.ready()).isFalse();
                assertThat(indexes.openFailure()).isPresent();
                var health = new org.sadasya.ops.MemberIndexHealth(indexes, models, f.jdbc);
                assertThat(health.health().getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);

                // the cause removed, the next search opens the index, and the service is ready without a restart
                Files.delete(MemberFaceIndexes.directoryOf(blocked, model));
                assertThat(indexes.nearest(model, face(4), 1)).containsExactly(new FaceMatch(member.id(), member.memberCode(), 1.0));
                assertThat(indexes.ready()).isTrue();
                assertThat(indexes.openFailure()).isEmpty();
                assertThat(health.health().getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
            }
        }
    }

    static float[] randomFace(java.util.Random random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    static float[] face(int axis) {
        float[] v = new float[DIM];
        v[axis] = 1;
        return v;
    }

    MemberRef issue(Fixture f, Fixture.Seed seed, float[] embedding, String model) {
        long e = enrolment(f, seed);
        return f.tx.execute(s -> f.members.insert(member(seed, e), embedding, model));
    }

    long enrolment(Fixture f, Fixture.Seed seed) {
        String id = UUID.randomUUID().toString();
        String epic = "ABC%07d".formatted(++epics);
        f.submit.submit(seed.worker(), Submissions.data(id, seed.booth().id(), epic, "9812345678"),
                Submissions.fakeJpeg(epics), List.of());
        return f.enrollments.findBySubmissionId(id).orElseThrow().id();
    }

    NewMember member(Fixture.Seed seed, long enrollmentId) {
        return new NewMember(enrollmentId, "Sunita Devi", null, "9812345678", "XYZ%07d".formatted(enrollmentId), 34, "F", seed.booth().id(),
                seed.worker().userId());
    }

    long committedMark(Fixture f) {
        return f.jdbc.sql("SELECT MAX(change_seq) FROM member_face").query(Long.class).single();
    }

    static void deleteTree(Path p) throws Exception {
        try (Stream<Path> files = Files.walk(p)) {
            for (Path x : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
