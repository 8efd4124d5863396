package org.sadasya.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.face.testsupport.SharedData;
import org.sadasya.member.JdbcMemberRepository.NewMember;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Fixture;
import org.sadasya.testsupport.MutableClock;
import org.sadasya.testsupport.Submissions;

/**
 * {@code sadasya reembed} on the service's embedded data directory: progress as JSON lines, every
 * face described with the new model at the end, and a run without the image key refused (no key
 * is made up: it would not open a single stored photo).
 */
class ReembedCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void reembed_describesTheStoredFacesWithTheNewModel_andReportsProgress() throws Exception {
        byte[] photo = Files.readAllBytes(SharedData.file("data/faces/multi/face_recognition/obama_and_biden.jpg"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("image.key"), Base64.getEncoder().encodeToString(key));
        ImageStore images = new ImageStore(dataDir.resolve("images"), new SecretKeySpec(key, "AES"));
        long memberId;
        try (var db = Databases.h2(dataDir);
                FaceEngine faceres = FaceEngine.create(PipelineMode.DEFAULT)) {
            Fixture f = new Fixture(db, dataDir.resolve("scratch"), new MutableClock(Instant.parse("2026-12-03T10:00:00Z")));
            Fixture.Seed seed = f.seed();
            String submission = UUID.randomUUID().toString();
            f.submit.submit(seed.worker(), Submissions.data(submission, seed.booth().id(), "ABC1234567", "9812345678"),
                    photo, List.of());
            long enrollment = f.enrollments.findBySubmissionId(submission).orElseThrow().id();
            // the photo as the service stores it: encrypted with the data directory's key
            f.jdbc.sql("UPDATE enrollment_image SET image_key = ? WHERE enrollment_id = ?")
                    .params(images.put(photo), enrollment).update();
            FaceObservation member = faceres.analyze(photo).faces().get(1);
            f.enrollments.decide(enrollment, org.sadasya.enrollment.EnrollmentStatus.ACCEPTED, "[]", null, null,
                    member.embedding(), EmbeddingModel.FACERES.version(), null, f.clock.instant().atOffset(java.time.ZoneOffset.UTC));
            memberId = f.tx.execute(s -> f.members.insert(new NewMember(enrollment, "Member", null, "9812345678",
                    "ABC1234567", 30, "M", seed.booth().id(), seed.worker().userId()), member.embedding(),
                    EmbeddingModel.FACERES.version())).id();
        }

        CliRun run = CliRun.of("reembed", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<JsonNode> lines = run.stdout().lines().filter(l -> l.startsWith("{")).map(ReembedCommandTest::json).toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.get("model").asText()).isEqualTo(EmbeddingModel.MOBILEFACENET.version());
        assertThat(last.get("done").asLong()).isEqualTo(1);
        assertThat(last.get("remaining").asLong()).isZero();
        assertThat(last.get("complete").asBoolean()).isTrue();
        try (var db = Databases.h2(dataDir)) {
            assertThat(org.springframework.jdbc.core.simple.JdbcClient.create(db.dataSource())
                    .sql("SELECT model_version FROM member_face WHERE member_id = ? ORDER BY model_version")
                    .params(memberId).query(String.class).list())
                    .containsExactly(EmbeddingModel.MOBILEFACENET.version(), EmbeddingModel.FACERES.version());
        }
    }

    @Test
    void reembed_withoutTheImageKey_isRefused() throws Exception {
        CliRun run = CliRun.of("reembed", "--data-dir", dataDir.resolve("fresh").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(json(run.stderr().strip().lines().reduce((a, b) -> b).orElseThrow()).get("code").asText())
                .isEqualTo("NO_IMAGE_KEY");
        assertThat(dataDir.resolve("fresh/image.key")).as("no key is made up").doesNotExist();
    }

    static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
