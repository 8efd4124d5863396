package org.sadasya.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.decision.MemberRepository.MemberRef;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.index.lucene.LuceneHnswFaceIndex;
import org.sadasya.member.HnswMemberFaceIndex;
import org.sadasya.member.JdbcMemberRepository.NewMember;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Fixture;
import org.sadasya.testsupport.MutableClock;
import org.sadasya.testsupport.Submissions;

/** {@code sadasya index rebuild}: the index comes back from the database, with every member face. */
class IndexRebuildCommandTest {

    static final int MEMBERS = 5;
    static final int DIM = 16;

    @TempDir
    Path dataDir;

    @Test
    void rebuild_afterTheIndexDirectoryWasDeleted_indexesEveryMember() throws Exception {
        List<MemberRef> members = new ArrayList<>();
        try (var db = Databases.h2(dataDir)) { // the service's embedded layout: <data-dir>/db/sadasya
            Fixture f = new Fixture(db, dataDir.resolve("images"), new MutableClock(Instant.parse("2026-11-29T10:00:00Z")));
            Fixture.Seed seed = f.seed();
            for (int i = 0; i < MEMBERS; i++) {
                String submission = UUID.randomUUID().toString();
                String epic = "ABC%07d".formatted(i);
                f.submit.submit(seed.worker(), Submissions.data(submission, seed.booth().id(), epic, "9812345678"),
                        Submissions.fakeJpeg(i), List.of());
                long enrollment = f.enrollments.findBySubmissionId(submission).orElseThrow().id();
                NewMember m = new NewMember(enrollment, "Member " + i, null, "9812345678", epic, 30, "F",
                        seed.booth().id(), seed.worker().userId());
                float[] embedding = face(i);
                members.add(f.tx.execute(s -> f.members.insert(m, embedding, "test-model")));
            }
            HnswMemberFaceIndex.open(f.jdbc, dataDir.resolve("index/test-model"), "test-model", HnswOptions.defaults()).close();
        }
        deleteTree(dataDir.resolve("index"));

        CliRun run = CliRun.of("index", "rebuild", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String[] lines = run.stdout().strip().split("\n");
        assertThat(lines).as("one JSON line on stdout, logs on stderr").hasSize(1);
        JsonNode out = new ObjectMapper().readTree(lines[0]);
        assertThat(out.get("members").asInt()).isEqualTo(MEMBERS);
        assertThat(out.get("modelVersion").asText()).isEqualTo("test-model");
        assertThat(out.get("seconds").asDouble()).isGreaterThanOrEqualTo(0);
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(dataDir.resolve("index/test-model/members"), DIM,
                HnswOptions.defaults())) {
            assertThat(index.size()).isEqualTo(MEMBERS);
            for (MemberRef m : members) {
                assertThat(index.contains(Long.toString(m.id()))).as(m.memberCode()).isTrue();
            }
            assertThat(index.highWaterMark()).isEqualTo(out.get("highWaterMark").asLong()).isEqualTo(MEMBERS);
        }
    }

    @Test
    void rebuild_ofAFreshDataDirectory_indexesNothing() {
        CliRun run = CliRun.of("index", "rebuild", "--data-dir", dataDir.resolve("empty").toString());
        // a fresh data directory: the embedded database is created and migrated, and has no members
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("\"members\":0");
        assertThat(Files.exists(dataDir.resolve("empty/index/members"))).isFalse();
    }

    @Test
    void rebuild_whileTheServiceHasTheIndexOpen_isRefused() throws Exception {
        try (var db = Databases.h2(dataDir)) {
            Fixture f = new Fixture(db, dataDir.resolve("images"), new MutableClock(Instant.parse("2026-11-29T10:00:00Z")));
            Fixture.Seed seed = f.seed();
            String submission = UUID.randomUUID().toString();
            f.submit.submit(seed.worker(), Submissions.data(submission, seed.booth().id(), "ABC7654321", "9812345678"),
                    Submissions.fakeJpeg(1), List.of());
            long enrollment = f.enrollments.findBySubmissionId(submission).orElseThrow().id();
            f.tx.execute(s -> f.members.insert(new NewMember(enrollment, "Member", null, "9812345678", "ABC7654321", 30,
                    "F", seed.booth().id(), seed.worker().userId()), face(0), "test-model"));
            try (HnswMemberFaceIndex running = HnswMemberFaceIndex.open(f.jdbc, dataDir.resolve("index/test-model"),
                    "test-model", HnswOptions.defaults())) {
                CliRun run = CliRun.of("index", "rebuild", "--data-dir", dataDir.toString());
                assertThat(run.exitCode()).isEqualTo(2);
                // No result on stdout. (Inside this shared test JVM an earlier Spring context's console
                // logging can still reach stdout; a real command run logs to stderr only.)
                assertThat(run.stdout().lines().filter(l -> l.startsWith("{"))).isEmpty();
                assertThat(new ObjectMapper().readTree(run.stderr().strip().lines().reduce((a, b) -> b).orElseThrow())
                        .get("code").asText()).isEqualTo("INDEX_IN_USE");
                assertThat(running.size()).as("left alone").isEqualTo(1);
            }
        }
    }

    static float[] face(int axis) {
        float[] v = new float[DIM];
        v[axis] = 1;
        v[DIM - 1] = 0.25f;
        return v;
    }

    static void deleteTree(Path p) throws Exception {
        try (var files = Files.walk(p)) {
            for (Path x : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
