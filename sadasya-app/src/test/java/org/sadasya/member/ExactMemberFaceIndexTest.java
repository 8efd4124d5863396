package org.sadasya.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.decision.MemberFaceIndex.FaceMatch;
import org.sadasya.decision.MemberRepository.MemberRef;
import org.sadasya.member.JdbcMemberRepository.NewMember;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Fixture;
import org.sadasya.testsupport.Submissions;

/** The exact index and the change feed it shares with the HNSW index, on both databases. */
class ExactMemberFaceIndexTest {

    @TempDir
    Path dir;
    int epics;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void findsEveryCommittedFace_ofTheQuerysModel_inScope_andThoseIssuedAfterTheFirstSearch(Kind kind) {
        try (Databases.Db db = Databases.open(kind, dir)) {
            Fixture f = new Fixture(db, dir.resolve("images"), Clock.systemUTC());
            Fixture.Seed seed = f.seed();
            MemberRef a = issue(f, seed, new float[] {1, 0, 0}, "m1");
            MemberRef b = issue(f, seed, new float[] {0.8f, 0.6f, 0}, "m1");
            issue(f, seed, new float[] {1, 0, 0}, "m2"); // another model's face of the same direction
            ExactMemberFaceIndex index = new ExactMemberFaceIndex(f.jdbc);

            List<FaceMatch> found = index.nearest("m1", new float[] {1, 0, 0}, 5);
            assertThat(found).extracting(FaceMatch::memberCode).containsExactly(a.memberCode(), b.memberCode());
            assertThat(found.get(0).similarity()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(found.get(1).similarity()).isEqualTo(0.8, org.assertj.core.data.Offset.offset(1e-6));

            MemberRef c = issue(f, seed, new float[] {0, 0, 1}, "m1");
            assertThat(index.nearest("m1", new float[] {0, 0, 1}, 1)).extracting(FaceMatch::memberCode)
                    .as("issued after the first search").containsExactly(c.memberCode());
            assertThat(index.nearestWithin("m1", new float[] {1, 0, 0}, 5, seed.booth().path())).hasSize(3);
            assertThat(index.nearestWithin("m1", new float[] {1, 0, 0}, 5, "/999999/")).as("another unit").isEmpty();
            assertThat(index.nearest("m3", new float[] {1, 0, 0}, 5)).as("a model with no faces").isEmpty();

            MemberFaceFeed feed = new MemberFaceFeed(f.jdbc);
            List<MemberFaceFeed.Change> all = feed.after(null, -1);
            assertThat(all).hasSize(4);
            assertThat(all).extracting(MemberFaceFeed.Change::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(feed.after("m1", all.get(1).sequence())).extracting(MemberFaceFeed.Change::memberCode)
                    .containsExactly(c.memberCode());
            List<MemberFaceFeed.Change> iterated = new java.util.ArrayList<>();
            feed.all("m1").forEachRemaining(iterated::add);
            assertThat(iterated).extracting(MemberFaceFeed.Change::memberId).containsExactly(a.id(), b.id(), c.id());
            assertThat(iterated.get(0).boothPath()).isEqualTo(seed.booth().path());
            assertThat(feed.newestDimension("m1")).contains(3);
            assertThat(feed.newestDimension("m3")).isEmpty();
            assertThat(feed.newestChange("m1")).isEqualTo(iterated.get(2).sequence());
            assertThat(feed.newestChange("m3")).isEqualTo(-1);
            assertThat(feed.liveUpTo("m1", iterated.get(1).sequence())).isEqualTo(2);
            assertThat(feed.memberCodes(List.of(a.id(), c.id()))).containsOnly(java.util.Map.entry(a.id(), a.memberCode()),
                    java.util.Map.entry(c.id(), c.memberCode()));
        }
    }

    private MemberRef issue(Fixture f, Fixture.Seed seed, float[] embedding, String model) {
        String id = UUID.randomUUID().toString();
        f.submit.submit(seed.worker(), Submissions.data(id, seed.booth().id(), "ABC%07d".formatted(++epics), "9812345678"),
                Submissions.fakeJpeg(epics), List.of());
        long e = f.enrollments.findBySubmissionId(id).orElseThrow().id();
        return f.tx.execute(s -> f.members.insert(new NewMember(e, "Sunita Devi", null, "9812345678",
                "XYZ%07d".formatted(e), 34, "F", seed.booth().id(), seed.worker().userId()), embedding, model));
    }
}
