package org.sadasya.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.SadasyaApplication;
import org.sadasya.decision.MemberFaceIndex;
import org.sadasya.decision.MemberRepository.MemberRef;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.org.OrgLevel;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Role;
import org.sadasya.security.UserRepository;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.ScriptedFaceAnalyzer;
import org.sadasya.testsupport.ServiceTestConfig;
import org.sadasya.testsupport.Submissions;
import org.sadasya.worker.WorkerFaceRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's HNSW index across restarts on one data directory: a member issued while the
 * service was stopped is in the index when it starts again (catch-up from the change numbers),
 * and so is everyone after the index directory was deleted (rebuild); DUPLICATE_FACE finds them.
 */
class FaceIndexRestartTest {

    static final String SCRIPTED_MODEL = "scripted-test-double";

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SadasyaApplication.class, ServiceTestConfig.class)
                .run("--server.port=0", "--sadasya.data-dir=" + dataDir, "--sadasya.admin-password=restart-admin",
                        // about restarts, not liveness: a capture without a challenge may pass
                        "--sadasya.liveness.require-challenge=false",
                        "--sadasya.verifier.poll=100ms");
    }

    @Test
    void membersIssuedWhileStoppedOrAfterTheIndexWasLost_areFoundAsDuplicatesAfterARestart() throws Exception {
        long boothId;
        String first;
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getBean(MemberFaceIndex.class)).as("the default").isInstanceOf(MemberFaceIndexes.class);
            boothId = seed(app);
            Api worker = new Api(port(app)).login("9812300000", "worker-pw");
            JsonNode accepted = enrol(worker, boothId, "W1,M7", "ABC0000007");
            assertThat(accepted.get("status").asText()).isEqualTo("ACCEPTED");
            first = accepted.get("memberId").asText();
        } // stopped: the index is committed with its high-water mark

        // A member issued while the service is down (e.g. by another node sharing the database).
        MemberRef whileStopped = issueDirectly(boothId, face("M8"), "ABC0000008");

        try (ConfigurableApplicationContext app = start()) {
            HnswMemberFaceIndex index = ((MemberFaceIndexes) app.getBean(MemberFaceIndex.class)).of(SCRIPTED_MODEL);
            assertThat(index.opening()).as("opened and caught up on start, before any search, not rebuilt")
                    .isEqualTo(new HnswMemberFaceIndex.Opening(false, 1, 2));
            assertThat(index.size()).isEqualTo(2);
            Api worker = new Api(port(app)).login("9812300000", "worker-pw");
            assertDuplicateOf(enrol(worker, boothId, "W1,M8", "ABC0000018"), whileStopped.memberCode());
            assertDuplicateOf(enrol(worker, boothId, "W1,M7", "ABC0000017"), first);
        }

        deleteTree(dataDir.resolve("index"));
        try (ConfigurableApplicationContext app = start()) {
            HnswMemberFaceIndex index = ((MemberFaceIndexes) app.getBean(MemberFaceIndex.class)).of(SCRIPTED_MODEL);
            assertThat(index.opening().rebuilt()).isTrue();
            assertThat(index.size()).as("rebuilt from the database").isEqualTo(2);
            Api worker = new Api(port(app)).login("9812300000", "worker-pw");
            assertDuplicateOf(enrol(worker, boothId, "W1,M7", "ABC0000027"), first);
            JsonNode newcomer = enrol(worker, boothId, "W1,M9", "ABC0000009");
            assertThat(newcomer.get("status").asText()).isEqualTo("ACCEPTED");
            assertDuplicateOf(enrol(worker, boothId, "W1,M9", "ABC0000019"), newcomer.get("memberId").asText());
        }
    }

    long seed(ConfigurableApplicationContext app) {
        var units = app.getBean(OrgUnitRepository.class);
        var users = app.getBean(UserRepository.class);
        var passwords = app.getBean(PasswordEncoder.class);
        OrgUnit state = units.insert(null, OrgLevel.STATE, "MP", "Madhya Pradesh", null, null, null, null);
        OrgUnit booth = units.insert(state, OrgLevel.BOOTH, "MP-B1", "Booth 1", null, 23.26, 77.4127, 200.0);
        long worker = users.insert("9812300000", passwords.encode("worker-pw"), Role.WORKER, "W", "9812300000",
                booth.id());
        app.getBean(WorkerFaceRepository.class).insert(worker, face("W1"), ScriptedFaceAnalyzer.MODEL, "0".repeat(32), 0.9, 0.1);
        return booth.id();
    }

    /** What VerifyEnrollment would store for an accepted enrolment, written with the service stopped. */
    MemberRef issueDirectly(long boothId, float[] embedding, String epic) {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(Databases.h2Url(dataDir));
            ds.setUsername("sa");
            JdbcClient jdbc = JdbcClient.create(ds);
            var tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            long workerId = jdbc.sql("SELECT id FROM app_user WHERE username = '9812300000'").query(Long.class).single();
            String path = jdbc.sql("SELECT path FROM org_unit WHERE id = ?").params(boothId).query(String.class).single();
            var members = new JdbcMemberRepository(jdbc, java.time.Clock.systemUTC(), "MP");
            return tx.execute(s -> {
                long enrollmentId = new EnrollmentRepository(jdbc).insert(UUID.randomUUID().toString(), "0".repeat(64),
                        workerId, boothId, path, Submissions.data(UUID.randomUUID().toString(), boothId, epic, "9812345678"),
                        202, "{}", OffsetDateTime.now());
                return members.insert(new JdbcMemberRepository.NewMember(enrollmentId, "Offline Member", null,
                        "9812345678", epic, 40, "M", boothId, workerId), embedding, SCRIPTED_MODEL);
            });
        }
    }

    static JsonNode enrol(Api worker, long boothId, String script, String epic) {
        String id = UUID.randomUUID().toString();
        Api.Response r = worker.multipart("/api/v1/enrollments", Api.enrolment(ScriptedFaceAnalyzer.photo(script),
                Submissions.data(id, boothId, epic, "98%08d".formatted(Math.abs(epic.hashCode()) % 100_000_000))));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        // as the admin: a worker's view carries no evidence
        return worker.login("admin", "restart-admin").await("/api/v1/enrollments/" + id, j -> !j.get("status").asText().equals("RECEIVED")
                && !j.get("status").asText().equals("PROCESSING"), Duration.ofSeconds(30)).json();
    }

    static void assertDuplicateOf(JsonNode decided, String memberCode) {
        assertThat(decided.get("status").asText()).as(decided.toString()).isEqualTo("REJECTED");
        JsonNode reason = null;
        for (JsonNode r : decided.get("reasons")) {
            if (r.get("code").asText().equals("DUPLICATE_FACE")) {
                reason = r;
            }
        }
        assertThat(reason).as(decided.toString()).isNotNull();
        assertThat(reason.get("outcome").asText()).isEqualTo("REJECT");
        assertThat(reason.get("evidence").get("matchedMemberId").asText()).isEqualTo(memberCode);
    }

    /** The scripted analyser's embedding of a person ("W1", "M7"): one axis each. */
    static float[] face(String person) {
        int axis = (person.charAt(0) == 'W' ? 0 : ScriptedFaceAnalyzer.DIMENSIONS / 2)
                + Integer.parseInt(person.substring(1)) % (ScriptedFaceAnalyzer.DIMENSIONS / 2);
        float[] v = new float[ScriptedFaceAnalyzer.DIMENSIONS];
        v[axis] = 1;
        return v;
    }

    static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    static void deleteTree(Path p) throws Exception {
        try (var files = Files.walk(p)) {
            for (Path x : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
