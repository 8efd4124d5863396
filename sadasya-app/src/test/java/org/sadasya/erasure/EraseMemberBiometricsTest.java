package org.sadasya.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.card.CardMembers;
import org.sadasya.decision.MemberFaceIndex.FaceMatch;
import org.sadasya.decision.MemberRepository.MemberRef;
import org.sadasya.enrollment.EnrollmentRepository.StoredImage;
import org.sadasya.erasure.EraseMemberBiometrics.Erasure;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.member.ExactMemberFaceIndex;
import org.sadasya.member.HnswMemberFaceIndex;
import org.sadasya.member.JdbcMemberRepository.NewMember;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Fixture;
import org.sadasya.testsupport.Submissions;
import org.sadasya.web.ApiException;

/**
 * A member's biometric data erased on request, on both databases: the photo and burst frames are
 * gone (rows and encrypted files), the face is gone from both member indexes — also from an HNSW
 * index reopened from disk, which learns it from the tombstone in the change feed — the enrolment
 * keeps no embedding or fingerprint, the card is revoked, the audit log says so, and a second
 * request changes nothing.
 */
class EraseMemberBiometricsTest {

    static final HnswOptions OPTIONS = HnswOptions.defaults().withRamBufferMb(16);

    @TempDir
    Path dir;
    int epics;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void erasure_removesPhotosFacesAndIndexEntries_revokesTheCard_andIsIdempotent(Kind kind) {
        try (Databases.Db db = Databases.open(kind, dir)) {
            Fixture f = new Fixture(db, dir.resolve("images"), Clock.systemUTC());
            Fixture.Seed seed = f.seed();
            long adminId = f.tx.execute(s -> f.users.insert("state-admin", "x", Role.ADMIN, "Admin", "9812300001", seed.state().id()));
            Actor admin = new Actor(adminId, "state-admin", Role.ADMIN, seed.state().id(), seed.state().path());
            MemberRef erased = issue(f, seed, new float[] {1, 0, 0});
            MemberRef kept = issue(f, seed, new float[] {0.8f, 0.6f, 0});
            long enrollment = f.jdbc.sql("SELECT enrollment_id FROM member WHERE id = ?").params(erased.id()).query(Long.class).single();
            List<StoredImage> images = f.enrollments.images(enrollment);
            assertThat(images).extracting(StoredImage::kind).containsExactlyInAnyOrder("PHOTO", "BURST");

            ExactMemberFaceIndex exact = new ExactMemberFaceIndex(f.jdbc);
            assertThat(exact.nearest("m1", new float[] {1, 0, 0}, 5)).extracting(FaceMatch::memberCode)
                    .containsExactly(erased.memberCode(), kept.memberCode());
            EraseMemberBiometrics erase = new EraseMemberBiometrics(new CardMembers(f.jdbc), f.members, f.enrollments,
                    f.images, f.audit, f.jdbc, f.tx, f.clock);
            try (HnswMemberFaceIndex hnsw = HnswMemberFaceIndex.open(f.jdbc, dir.resolve("index"), "m1", OPTIONS)) {
                assertThat(hnsw.nearest("m1", new float[] {1, 0, 0}, 5)).hasSize(2);

                assertThatThrownBy(() -> erase.erase(seed.worker(), erased.memberCode(), "asked")).isInstanceOf(ApiException.class);
                assertThatThrownBy(() -> erase.erase(admin, erased.memberCode(), " ")).isInstanceOf(ApiException.class);
                Erasure first = erase.erase(admin, erased.memberCode().toLowerCase(), "the member asked in writing");
                assertThat(first.already()).isFalse();
                assertThat(first.faces()).isEqualTo(1);
                assertThat(first.images()).isEqualTo(2);

                assertThat(hnsw.nearest("m1", new float[] {1, 0, 0}, 5)).extracting(FaceMatch::memberCode)
                        .as("the running index applied the tombstone").containsExactly(kept.memberCode());
            }
            assertThat(exact.nearest("m1", new float[] {1, 0, 0}, 5)).extracting(FaceMatch::memberCode)
                    .containsExactly(kept.memberCode());
            try (HnswMemberFaceIndex reopened = HnswMemberFaceIndex.open(f.jdbc, dir.resolve("index"), "m1", OPTIONS)) {
                assertThat(reopened.opening().rebuilt()).as("the index on disk still matches the database").isFalse();
                assertThat(reopened.size()).isEqualTo(1);
                assertThat(reopened.nearest("m1", new float[] {1, 0, 0}, 5)).extracting(FaceMatch::memberCode)
                        .containsExactly(kept.memberCode());
            }
            HnswMemberFaceIndex.rebuild(f.jdbc, dir.resolve("index"), "m1", OPTIONS);
            try (HnswMemberFaceIndex rebuilt = HnswMemberFaceIndex.open(f.jdbc, dir.resolve("index"), "m1", OPTIONS)) {
                assertThat(rebuilt.size()).as("a rebuild leaves tombstones out").isEqualTo(1);
            }

            assertThat(f.enrollments.images(enrollment)).isEmpty();
            for (StoredImage image : images) {
                assertThatThrownBy(() -> f.images.get(image.imageKey())).as("the encrypted file is deleted")
                        .isInstanceOf(java.io.UncheckedIOException.class);
            }
            assertThat(f.jdbc.sql("SELECT COUNT(*) FROM member_face WHERE member_id = ? AND erased = FALSE")
                    .params(erased.id()).query(Long.class).single()).isZero();
            assertThat(f.jdbc.sql("SELECT LENGTH(embedding) FROM member_face WHERE member_id = ?").params(erased.id())
                    .query(Integer.class).single()).as("no embedding kept in the tombstone").isZero();
            assertThat(f.jdbc.sql("SELECT COUNT(*) FROM enrollment WHERE id = ? AND member_embedding IS NULL"
                    + " AND perceptual_hash IS NULL AND phash_0 IS NULL AND member_face_w IS NULL").params(enrollment)
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(new CardMembers(f.jdbc).find(erased.memberCode()).orElseThrow().revoked()).isTrue();
            assertThat(new CardMembers(f.jdbc).find(kept.memberCode()).orElseThrow().revoked()).isFalse();
            assertThat(f.enrollments.images(f.jdbc.sql("SELECT enrollment_id FROM member WHERE id = ?").params(kept.id())
                    .query(Long.class).single())).as("another member's photos stay").hasSize(2);
            assertThat(f.audit.forEntity("member", erased.memberCode())).extracting(e -> e.action())
                    .contains("MEMBER_BIOMETRICS_ERASED");

            Erasure again = erase.erase(admin, erased.memberCode(), "asked again");
            assertThat(again.already()).isTrue();
            assertThat(again.erasedAt()).isEqualTo(first(f, erased));
            assertThat(f.audit.forEntity("member", erased.memberCode())).filteredOn(e -> e.action().equals("MEMBER_BIOMETRICS_ERASED"))
                    .hasSize(1);
        }
    }

    private static java.time.OffsetDateTime first(Fixture f, MemberRef m) {
        return f.jdbc.sql("SELECT biometrics_erased_at FROM member WHERE id = ?").params(m.id())
                .query((rs, i) -> rs.getObject(1, java.time.OffsetDateTime.class)).list().get(0);
    }

    private MemberRef issue(Fixture f, Fixture.Seed seed, float[] embedding) {
        String id = UUID.randomUUID().toString();
        f.submit.submit(seed.worker(), Submissions.data(id, seed.booth().id(), "ABC%07d".formatted(++epics), "9812345678"),
                Submissions.fakeJpeg(epics), List.of(Submissions.fakeJpeg(1000 + epics)));
        long e = f.enrollments.findBySubmissionId(id).orElseThrow().id();
        return f.tx.execute(s -> f.members.insert(new NewMember(e, "Sunita Devi", null, "9812345678",
                "XYZ%07d".formatted(e), 34, "F", seed.booth().id(), seed.worker().userId()), embedding, "m1"));
    }
}
