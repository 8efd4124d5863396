package org.sadasya.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.SadasyaApplication;
import org.sadasya.org.OrgLevel;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Role;
import org.sadasya.security.UserRepository;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.ScriptedFaceAnalyzer;
import org.sadasya.testsupport.ServiceTestConfig;
import org.sadasya.testsupport.Submissions;
import org.sadasya.worker.WorkerFaceRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Stops the application in the middle of verifying a job, starts it again on the same data
 * directory, and shows the job finished exactly once: one decision, one member, one audit entry.
 */
class RestartMidJobTest {

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext start(VerificationHook hook) {
        return new SpringApplicationBuilder(SadasyaApplication.class, ServiceTestConfig.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("verificationHook", hook))
                // arguments, not builder properties: those are defaults that application.yml overrides
                .run("--server.port=0", "--sadasya.data-dir=" + dataDir, "--sadasya.admin-password=restart-admin",
                        // about restarts, not liveness: a capture without a challenge may pass
                        "--sadasya.liveness.require-challenge=false",
                        "--sadasya.verifier.lease=2s", "--sadasya.verifier.poll=100ms");
    }

    @Test
    void jobInterruptedByAStop_isFinishedOnceAfterTheRestart() throws Exception {
        CountDownLatch claimed = new CountDownLatch(1);
        VerificationHook haltForever = job -> {
            claimed.countDown();
            new CountDownLatch(1).await(); // "crashes" here: never returns, until the stop interrupts it
        };
        String submissionId = UUID.randomUUID().toString();
        try (ConfigurableApplicationContext first = start(haltForever)) {
            var units = first.getBean(OrgUnitRepository.class);
            var users = first.getBean(UserRepository.class);
            var passwords = first.getBean(PasswordEncoder.class);
            OrgUnit state = units.insert(null, OrgLevel.STATE, "MP", "Madhya Pradesh", null, null, null, null);
            OrgUnit booth = units.insert(state, OrgLevel.BOOTH, "MP-B1", "Booth 1", null, 23.26, 77.4127, 200.0);
            long worker = users.insert("9812300000", passwords.encode("worker-pw"), Role.WORKER, "W", "9812300000",
                    booth.id());
            float[] ref = new float[ScriptedFaceAnalyzer.DIMENSIONS];
            ref[1] = 1;
            first.getBean(WorkerFaceRepository.class).insert(worker, ref, ScriptedFaceAnalyzer.MODEL, "0".repeat(32), 0.9, 0.1);

            Api api = new Api(port(first)).login("9812300000", "worker-pw");
            Api.Response r = api.multipart("/api/v1/enrollments", Api.enrolment(ScriptedFaceAnalyzer.photo("W1,M9"),
                    Submissions.data(submissionId, booth.id(), "ABC1234567", "9812345678")));
            assertThat(r.status()).isEqualTo(202);
            assertThat(claimed.await(20, TimeUnit.SECONDS)).as("the verifier claimed the job").isTrue();
            assertThat(api.get("/api/v1/enrollments/" + submissionId).json().get("status").asText())
                    .isEqualTo("PROCESSING");
        } // the application stops mid-job

        try (ConfigurableApplicationContext second = start(VerificationHook.NONE)) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT status FROM verification_job").query(String.class).single())
                    .as("still claimed by the stopped verifier until its lease runs out").isIn("RUNNING", "DONE");

            Api api = new Api(port(second)).login("9812300000", "worker-pw");
            var done = api.await("/api/v1/enrollments/" + submissionId,
                    j -> j.get("status").asText().equals("ACCEPTED"), Duration.ofSeconds(30)).json();
            assertThat(done.get("memberId").asText()).isEqualTo("MP-0000001");

            Thread.sleep(3_000); // past another lease: nothing runs the job again
            assertThat(jdbc.sql("SELECT COUNT(*) FROM member").query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT status, attempts FROM verification_job")
                    .query((rs, i) -> rs.getString(1) + "/" + rs.getInt(2)).single()).isEqualTo("DONE/2");
            assertThat(jdbc.sql("SELECT action FROM audit_log WHERE entity_type = 'enrollment' AND entity_id = ? ORDER BY id")
                    .params(submissionId).query(String.class).list())
                    .isEqualTo(List.of("ENROLLMENT_RECEIVED", "ENROLLMENT_DECIDED"));
        }
    }

    static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }
}
