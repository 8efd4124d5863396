package org.sadasya.reembed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.decision.MemberFaceIndex.FaceMatch;
import org.sadasya.decision.MemberRepository.MemberRef;
import org.sadasya.enrollment.EnrollmentStatus;
import org.sadasya.face.FaceBox;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.face.pad.PresentationAttackDetector;
import org.sadasya.face.testsupport.SharedData;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.member.JdbcMemberRepository.NewMember;
import org.sadasya.member.MemberFaceIndexes;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Fixture;
import org.sadasya.testsupport.MutableClock;
import org.sadasya.testsupport.Submissions;
import org.sadasya.verification.IssueMember;

/**
 * Moving a small database from faceres to MobileFaceNet with the real engines and real photos of
 * shared/data: the re-embedding finds each member's own face again in the encrypted photo (by the
 * recorded box, or for an enrolment without one by its stored faceres embedding), gives up on a
 * photo that is gone without holding back the others, resumes after an interruption without
 * writing anything twice, and the service's switch then serves MobileFaceNet's complete index and
 * refuses to issue a member from a decision made with the old model, on this node and on another
 * that shares the database.
 */
class ReembedTest {

    static final Path MULTI = SharedData.file("data/faces/multi");
    static final List<Path> ENROLMENT_PHOTOS = List.of(MULTI.resolve("face_recognition/obama_and_biden.jpg"),
            MULTI.resolve("dlib/2008_001322.jpg"), MULTI.resolve("dlib/2008_002079.jpg"),
            MULTI.resolve("dlib/2008_002470.jpg"));
    static final Path WORKER_PHOTO = SharedData.file("data/faces/deepface/img1.jpg");
    static final EmbeddingModel OLD = EmbeddingModel.FACERES;
    static final EmbeddingModel NEW = EmbeddingModel.MOBILEFACENET;

    static FaceEngine faceres;
    static FaceEngine mobileFaceNet;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));

    @BeforeAll
    static void engines() {
        faceres = FaceEngine.create(PipelineMode.DEFAULT, PresentationAttackDetector.bundled(), OLD);
        mobileFaceNet = FaceEngine.create(PipelineMode.DEFAULT, PresentationAttackDetector.bundled(), NEW);
    }

    @AfterAll
    static void close() {
        faceres.close();
        mobileFaceNet.close();
    }

    record Enrolled(MemberRef member, byte[] photo, FaceBox memberBox) {}

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aModelSwitch_reembedsEveryStoredFace_resumably_andTheServiceSwitchesOnceNothingLacksIt(Kind kind)
            throws Exception {
        Fixture f = new Fixture(Databases.open(kind, dir), dir.resolve("images"), clock);
        try (var db = f.db) {
            Fixture.Seed seed = f.seed();
            List<Enrolled> enrolled = new ArrayList<>();
            for (int i = 0; i < ENROLMENT_PHOTOS.size(); i++) {
                enrolled.add(enrol(f, seed, Files.readAllBytes(ENROLMENT_PHOTOS.get(i)), i, i != 1));
            }
            byte[] workerPhoto = Files.readAllBytes(WORKER_PHOTO);
            FaceObservation workerFace = faceres.analyze(workerPhoto).faces().get(0);
            String workerKey = f.images.put(workerPhoto);
            f.workerFaces.insert(seed.worker().userId(), workerFace.embedding(), OLD.version(), workerKey,
                    workerFace.detectionScore(), null);
            // the last member's photo is gone (e.g. erased): it cannot be re-embedded
            String goneKey = f.enrollments.images(f.jdbc.sql("SELECT enrollment_id FROM member WHERE id = ?")
                    .params(enrolled.get(3).member().id()).query(Long.class).single()).get(0).imageKey();
            f.images.delete(goneKey);

            FaceCoverage coverage = new FaceCoverage(f.jdbc);
            assertThat(coverage.lacking(NEW.version())).isEqualTo(new FaceCoverage.Lacking(4, 1, 0));
            FaceModels models = FaceModels.choose(NEW, coverage);
            assertThat(models.serving()).as("the model every stored face has").isEqualTo(OLD);
            assertThat(models.switching()).isTrue();

            Reembedder reembedder = new Reembedder(f.jdbc, f.tx, f.enrollments, f.members, f.images, clock,
                    m -> m == OLD ? faceres : mobileFaceNet);
            AtomicInteger checks = new AtomicInteger();
            Reembedder.Progress interrupted = reembedder.run(NEW, p -> {}, () -> checks.incrementAndGet() <= 3);
            assertThat(interrupted.done()).as("stopped after two faces").isEqualTo(2);
            assertThat(interrupted.remaining()).isEqualTo(3);

            List<Reembedder.Progress> seen = new ArrayList<>();
            Reembedder.Progress resumed = reembedder.run(NEW, seen::add, () -> true);
            assertThat(resumed.done()).as("the member with a photo left, and the worker").isEqualTo(2);
            assertThat(resumed.failed()).isEqualTo(1);
            assertThat(resumed.remaining()).isZero();
            assertThat(seen).isNotEmpty().last().isEqualTo(resumed);
            assertThat(coverage.lacking(NEW.version())).isEqualTo(new FaceCoverage.Lacking(0, 0, 1));
            assertThat(f.jdbc.sql("SELECT reason FROM reembed_failure WHERE subject = 'member' AND subject_id = ?")
                    .params(enrolled.get(3).member().id()).query(String.class).single()).isEqualTo("PHOTO_MISSING");
            assertThat(reembedder.run(NEW, p -> {}, () -> true).done()).as("nothing twice").isZero();

            for (Enrolled e : enrolled.subList(0, 3)) {
                float[] stored = f.jdbc.sql("SELECT embedding FROM member_face WHERE member_id = ? AND model_version = ?")
                        .params(e.member().id(), NEW.version())
                        .query((rs, i) -> org.sadasya.common.Embeddings.fromBytes(rs.getBytes(1))).single();
                List<FaceObservation> faces = mobileFaceNet.analyze(e.photo()).faces();
                FaceObservation own = faces.stream().max(Comparator.comparingDouble(x -> x.box().iou(e.memberBox()))).orElseThrow();
                assertThat(FaceEngine.cosineSimilarity(stored, own.embedding())).as(e.member().memberCode())
                        .isCloseTo(1.0, within(1e-4));
                for (FaceObservation other : faces) {
                    if (other != own) {
                        assertThat(FaceEngine.cosineSimilarity(stored, other.embedding()))
                                .as("not another face of the photo").isLessThan(0.9);
                    }
                }
            }
            assertThat(f.workerFaces.count(seed.worker().userId())).as("one photo, two readings").isEqualTo(1);
            assertThat(f.workerFaces.references(seed.worker().userId()).of(NEW.version())).hasSize(1);

            try (MemberFaceIndexes indexes = MemberFaceIndexes.open(f.jdbc, dir.resolve("index"),
                    HnswOptions.defaults().withRamBufferMb(16), List.of(OLD.version()))) {
                FaceModels otherNode = new FaceModels(NEW, OLD); // started before the switch, sharing the database
                ModelSwitch change = new ModelSwitch(models, reembedder, coverage, Optional.of(indexes), f.members, f.tx,
                        f.audit, new FaceModelSwitchRecord(f.jdbc), Duration.ofSeconds(1));
                assertThat(change.step()).isTrue();
                assertThat(models.serving()).isEqualTo(NEW);
                assertThat(models.retired(OLD.version())).isTrue();
                assertThat(indexes.of(NEW.version()).size()).isEqualTo(3);
                Enrolled biden = enrolled.get(0);
                float[] bidenNow = mobileFaceNet.analyze(biden.photo()).faces().stream()
                        .max(Comparator.comparingDouble(x -> x.box().iou(biden.memberBox()))).orElseThrow().embedding();
                List<FaceMatch> found = indexes.nearest(NEW.version(), bidenNow, 1);
                assertThat(found).extracting(FaceMatch::memberCode).containsExactly(biden.member().memberCode());
                assertThat(f.jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'FACE_MODEL_SWITCHED'")
                        .query(Long.class).single()).isEqualTo(1);

                IssueMember issue = new IssueMember(f.members, null, models, new FaceModelSwitchRecord(f.jdbc),
                        (id, m) -> Optional.empty());
                long another = enrolment(f, seed, Submissions.fakeJpeg(99), 99);
                float[] oldModelFace = faceres.analyze(biden.photo()).faces().get(0).embedding();
                assertThatThrownBy(() -> f.tx.execute(s -> issue.issue(member(seed, another, 99), oldModelFace,
                        OLD.version())))
                        .isInstanceOf(IssueMember.StaleFaceModel.class);
                // a reviewer's accept of an enrolment decided with the retired model describes the face
                // again; where the model in use finds no face there, nothing is issued
                IssueMember.Result unreadable = f.tx.execute(s -> issue.issueReviewed(member(seed, another, 99),
                        oldModelFace, OLD.version(), clock.instant().atOffset(java.time.ZoneOffset.UTC)));
                assertThat((Object) unreadable).isInstanceOf(IssueMember.FaceUnreadable.class);

                // the other node learns of the switch at its next issue, under the same lock, and follows it
                assertThat(new FaceModelSwitchRecord(f.jdbc).switchedTo()).contains(NEW.version());
                IssueMember issueElsewhere = new IssueMember(f.members, null, otherNode, new FaceModelSwitchRecord(f.jdbc),
                        (id, m) -> Optional.empty());
                assertThatThrownBy(() -> f.tx.execute(s -> issueElsewhere.issue(member(seed, another, 99), oldModelFace,
                        OLD.version())))
                        .isInstanceOf(IssueMember.StaleFaceModel.class);
                assertThat(otherNode.serving()).isEqualTo(NEW);
                assertThat(FaceModels.choose(OLD, coverage, new FaceModelSwitchRecord(f.jdbc).switchedTo()).serving())
                        .as("a node (re)started with the old setting serves what the database issues with")
                        .isEqualTo(NEW);
            }
        }
    }

    /** An enrolment of the photo's second face as the member, issued with its faceres embedding. */
    Enrolled enrol(Fixture f, Fixture.Seed seed, byte[] photo, int n, boolean recordBox) throws Exception {
        ImageAnalysis analysis = faceres.analyze(photo);
        assertThat(analysis.faces()).as("a photo with worker and member").hasSizeGreaterThanOrEqualTo(2);
        FaceObservation member = analysis.faces().get(1);
        long enrollmentId = enrolment(f, seed, photo, n);
        FaceBox fraction = new FaceBox(member.box().x() / analysis.width(), member.box().y() / analysis.height(),
                member.box().width() / analysis.width(), member.box().height() / analysis.height());
        f.enrollments.decide(enrollmentId, EnrollmentStatus.ACCEPTED, "[]", null, null, member.embedding(),
                OLD.version(), recordBox ? fraction : null, clock.instant().atOffset(java.time.ZoneOffset.UTC));
        MemberRef ref = f.tx.execute(s -> f.members.insert(member(seed, enrollmentId, n), member.embedding(), OLD.version()));
        return new Enrolled(ref, photo, member.box());
    }

    long enrolment(Fixture f, Fixture.Seed seed, byte[] photo, int n) {
        String id = UUID.randomUUID().toString();
        f.submit.submit(seed.worker(), Submissions.data(id, seed.booth().id(), "ABC%07d".formatted(n), "9812345678"),
                photo, List.of());
        return f.enrollments.findBySubmissionId(id).orElseThrow().id();
    }

    static NewMember member(Fixture.Seed seed, long enrollmentId, int n) {
        return new NewMember(enrollmentId, "Member " + n, null, "9812345678", "XYZ%07d".formatted(n), 34, "F",
                seed.booth().id(), seed.worker().userId());
    }
}
