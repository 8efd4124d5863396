package org.sadasya.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.SadasyaApplication;
import org.sadasya.org.OrgLevel;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Role;
import org.sadasya.security.UserRepository;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.Challenges;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.ScriptedFaceAnalyzer;
import org.sadasya.testsupport.ServiceTestConfig;
import org.sadasya.testsupport.Submissions;
import org.sadasya.worker.WorkerFaceRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The whole service configured for PostgreSQL: migrations, no built-in image or challenge key, intake to decision. */
class PostgresServiceTest {

    @TempDir
    Path dataDir;

    String schema;

    @BeforeEach
    void freshSchema() {
        schema = Databases.newPostgresSchema();
    }

    @AfterEach
    void dropSchema() {
        Databases.dropPostgresSchema(schema);
    }

    ConfigurableApplicationContext start(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--sadasya.data-dir=" + dataDir,
                "--sadasya.admin-password=pg-admin", "--sadasya.verifier.poll=50ms",
                "--spring.datasource.url=" + Databases.PG_URL + "?currentSchema=" + schema,
                "--spring.datasource.username=" + Databases.PG_USER, "--spring.datasource.password="));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(SadasyaApplication.class, ServiceTestConfig.class).run(args.toArray(String[]::new));
    }

    @Test
    void withoutAnImageKey_theServiceRefusesToStart_onlyTheEmbeddedDefaultGeneratesOne() {
        assertThatThrownBy(() -> start("--sadasya.challenge-key=" + randomKey())).hasStackTraceContaining("no image encryption key");
        assertThat(dataDir.resolve("image.key")).doesNotExist();
    }

    @Test
    void withoutAChallengeKey_theServiceRefusesToStart() {
        assertThatThrownBy(() -> start("--sadasya.image-key=" + randomKey(), "--sadasya.card-key=" + cardKey()))
                .hasStackTraceContaining("no challenge ticket signing key");
        assertThat(dataDir.resolve("challenge.key")).doesNotExist();
    }

    @Test
    void withoutACardKey_theServiceRefusesToStart() {
        assertThatThrownBy(() -> start("--sadasya.image-key=" + randomKey(), "--sadasya.challenge-key=" + randomKey()))
                .hasStackTraceContaining("no card signing key");
        assertThat(dataDir.resolve("card.jwk")).doesNotExist();
    }

    static String cardKey() {
        return org.sadasya.card.CardSigningKey.generate().toJSONString();
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    ConfigurableApplicationContext startWithKeys(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--sadasya.image-key=" + randomKey(),
                "--sadasya.challenge-key=" + randomKey(), "--sadasya.card-key=" + cardKey()));
        args.addAll(List.of(extra));
        return start(args.toArray(String[]::new));
    }

    @Test
    void onPostgresql_anEnrolmentFollowingItsTicketIsAccepted_andTheTicketServesOnce() {
        try (ConfigurableApplicationContext ctx = startWithKeys()) {
            var units = ctx.getBean(OrgUnitRepository.class);
            var state = units.insert(null, OrgLevel.STATE, "MP", "Madhya Pradesh", null, null, null, null);
            var booth = units.insert(state, OrgLevel.BOOTH, "MP-B1", "Booth 1", null, 23.26, 77.4127, 200.0);
            long worker = ctx.getBean(UserRepository.class).insert("9812300000",
                    ctx.getBean(PasswordEncoder.class).encode("worker-pw"), Role.WORKER, "W", "9812300000", booth.id());
            float[] ref = new float[ScriptedFaceAnalyzer.DIMENSIONS];
            ref[1] = 1;
            ctx.getBean(WorkerFaceRepository.class).insert(worker, ref, ScriptedFaceAnalyzer.MODEL, "0".repeat(32), 0.9, 0.1);

            Api api = new Api(((WebServerApplicationContext) ctx).getWebServer().getPort()).login("9812300000", "worker-pw");
            var ticket = Challenges.ticket(api);
            String id = UUID.randomUUID().toString();
            Api.Response r = api.multipart("/api/v1/enrollments", Challenges.enrolment(ScriptedFaceAnalyzer.photo("W1,M3"),
                    Challenges.followed(ticket), 3, Submissions.data(id, booth.id(), "ABC1234567", "9812345678",
                            ticket.get("issuedAt").asText(), Challenges.challenge(ticket, 3))));
            assertThat(r.status()).isEqualTo(202);
            var done = api.await("/api/v1/enrollments/" + id, j -> j.get("status").asText().equals("ACCEPTED"),
                    Duration.ofSeconds(20)).json();
            assertThat(done.get("memberId").asText()).isEqualTo("MP-0000001");
            cardVerifies_untilRevoked(new Api(((WebServerApplicationContext) ctx).getWebServer().getPort()), "MP-0000001");

            String again = UUID.randomUUID().toString();
            api.multipart("/api/v1/enrollments", Challenges.enrolment(ScriptedFaceAnalyzer.photo("W1,M4"),
                    Challenges.followed(ticket), 3, Submissions.data(again, booth.id(), "ABC7654321", "9812345679",
                            ticket.get("issuedAt").asText(), Challenges.challenge(ticket, 3))));
            var second = api.await("/api/v1/enrollments/" + again, j -> j.get("status").asText().equals("REVIEW"),
                    Duration.ofSeconds(20)).json();
            var liveness = java.util.stream.StreamSupport.stream(second.get("reasons").spliterator(), false)
                    .filter(x -> x.get("code").asText().equals("LIVENESS")).findFirst().orElseThrow();
            // the worker reads the reason in words, without the evidence
            assertThat(liveness.get("detail").asText()).contains("already used");
            assertThat(liveness.get("evidence")).isEmpty();
        }
    }

    /** The card's token, and the revocation, on PostgreSQL (V7's columns). */
    private static void cardVerifies_untilRevoked(Api anonymous, String member) {
        Api admin = anonymous.login("admin", "pg-admin");
        Api.Bytes png = admin.bytes("/api/v1/members/" + member + "/card.png");
        assertThat(png.status()).isEqualTo(200);
        String url;
        try {
            url = org.sadasya.card.QrReading.text(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String path = java.net.URI.create(url).getPath();
        assertThat(anonymous.get(path).status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/members/" + member + "/revoke", "{\"reason\": \"test\"}").status()).isEqualTo(204);
        assertThat(anonymous.get(path).status()).isEqualTo(410);
    }
}
