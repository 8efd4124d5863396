package org.sadasya.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.SadasyaApplication;
import org.sadasya.decision.FaceAnalyzer;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.testsupport.SharedData;
import org.sadasya.org.OrgLevel;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Role;
import org.sadasya.security.UserRepository;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.Databases;
import org.sadasya.verification.JobQueue;
import org.sadasya.verification.VerificationRunner;
import org.sadasya.verification.VerifyEnrollment;
import org.sadasya.worker.WorkerFaceRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Throughput of the service on H2 and on PostgreSQL, one JSON line per figure:
 * <ul>
 *   <li>intake: durable 202s per second over HTTP ({@code CLIENTS} concurrent clients, verifier off), each
 *       a real 0.5 MB photo encrypted and forced to disk plus its database transaction;</li>
 *   <li>verification: decisions per second of the verifier threads with the real face engine over the
 *       queued submissions.</li>
 * </ul>
 * Not part of {@code mvn verify} (the name does not end in Test); run it with
 * {@code mvn -pl sadasya-app -am test -Dtest=ServiceBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and optionally {@code -Dbench.intake=400 -Dbench.decisions=40}.
 */
class ServiceBenchmark {

    static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    static final int INTAKE = Integer.getInteger("bench.intake", 400);
    static final int DECISIONS = Integer.getInteger("bench.decisions", 40);

    @TempDir
    Path dir;

    @Test
    void h2() throws Exception {
        run("h2", List.of());
    }

    @Test
    void postgresql() throws Exception {
        String schema = Databases.newPostgresSchema();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            run("postgresql", List.of("--spring.datasource.url=" + Databases.PG_URL + "?currentSchema=" + schema,
                    "--spring.datasource.username=" + Databases.PG_USER, "--spring.datasource.password=",
                    "--sadasya.image-key=" + Base64.getEncoder().encodeToString(key),
                    "--sadasya.challenge-key=" + Base64.getEncoder().encodeToString(key),
                    "--sadasya.card-key=" + org.sadasya.card.CardSigningKey.generate().toJSONString()));
        } finally {
            Databases.dropPostgresSchema(schema);
        }
    }

    void run(String database, List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--sadasya.data-dir=" + dir,
                "--sadasya.admin-password=bench-admin", "--sadasya.verifier.enabled=false",
                "--logging.level.org.sadasya=WARN"));
        args.addAll(extra);
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(SadasyaApplication.class)
                .run(args.toArray(String[]::new))) {
            var units = ctx.getBean(OrgUnitRepository.class);
            OrgUnit state = units.insert(null, OrgLevel.STATE, "MP", "Madhya Pradesh", null, null, null, null);
            OrgUnit booth = units.insert(state, OrgLevel.BOOTH, "MP-B1", "Booth 1", null, 23.2599, 77.4126, 150.0);
            long worker = ctx.getBean(UserRepository.class).insert("9876543210",
                    ctx.getBean(PasswordEncoder.class).encode("bench-pw"), Role.WORKER, "Obama", "9876543210", booth.id());
            FaceAnalyzer analyzer = ctx.getBean(FaceAnalyzer.class);
            ImageAnalysis ref = analyzer.analyze(read("singles/face_recognition/obama_obama.jpg"));
            ctx.getBean(WorkerFaceRepository.class).insert(worker, ref.primaryFace().orElseThrow().embedding(),
                    ref.modelVersion(), "0".repeat(32), ref.primaryFace().get().detectionScore(), null);
            analyzer.analyze(read("multi/face_recognition/two_people.jpg")); // warm up the engine

            List<byte[]> photos = List.of(read("multi/face_recognition/two_people.jpg"),
                    read("multi/face_recognition/obama_and_biden.jpg"), read("multi/face_recognition/kit_with_rose.jpg"));
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            Api api = new Api(port).login("9876543210", "bench-pw");

            // Intake: durable 202s per second.
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long t0 = System.nanoTime();
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                results.add(clients.submit(() -> {
                    int ok = 0;
                    for (int i; (i = next.getAndIncrement()) < INTAKE; ) {
                        String data = """
                                {"submissionId": "%s", "boothId": %d, "member": {"name": "Member %d", "mobile": "9%09d",
                                 "epic": "BEN%07d", "age": 40, "gender": "F"}, "latitude": 23.26, "longitude": 77.4126,
                                 "accuracyMeters": 10, "consent": true}
                                """.formatted(UUID.randomUUID(), booth.id(), i, i, i);
                        Api.Response r = api.multipart("/api/v1/enrollments", Api.enrolment(photos.get(i % 3), data));
                        if (r.status() != 202) {
                            throw new AssertionError("intake failed: " + r);
                        }
                        ok++;
                    }
                    return ok;
                }));
            }
            int accepted = 0;
            for (var f : results) {
                accepted += f.get();
            }
            double intakeSeconds = (System.nanoTime() - t0) / 1e9;
            clients.shutdown();
            System.out.printf(Locale.ROOT, "{\"bench\": \"intake\", \"database\": \"%s\", \"submissions\": %d,"
                            + " \"clients\": %d, \"seconds\": %.2f, \"durable202PerSecond\": %.1f}%n",
                    database, accepted, CLIENTS, intakeSeconds, accepted / intakeSeconds);

            // Verification: decisions per second with the real engine, over the first DECISIONS jobs.
            JobQueue jobs = ctx.getBean(JobQueue.class);
            var settings = new VerificationRunner.Settings(2, Duration.ofMinutes(5), Duration.ofMillis(20), 5,
                    Duration.ofSeconds(1), true);
            var runner = new VerificationRunner(jobs, ctx.getBean(VerifyEnrollment.class), settings);
            var jdbc = ctx.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
            long t1 = System.nanoTime();
            runner.start();
            int target = Math.min(DECISIONS, accepted);
            long decided;
            while ((decided = jdbc.sql("SELECT COUNT(*) FROM enrollment WHERE decided_at IS NOT NULL")
                    .query(Long.class).single()) < target) {
                Thread.sleep(50);
            }
            double verifySeconds = (System.nanoTime() - t1) / 1e9;
            runner.stop();
            System.out.printf(Locale.ROOT, "{\"bench\": \"verification\", \"database\": \"%s\", \"decisions\": %d,"
                            + " \"threads\": 2, \"seconds\": %.2f, \"decisionsPerSecond\": %.2f}%n",
                    database, decided, verifySeconds, decided / verifySeconds);
        }
    }

    static byte[] read(String relative) throws java.io.IOException {
        return Files.readAllBytes(SharedData.file("data/faces/" + relative));
    }
}
