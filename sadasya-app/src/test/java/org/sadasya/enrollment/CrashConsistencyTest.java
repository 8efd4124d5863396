package org.sadasya.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Submissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 202 means the enrolment is on disk: three clients enrol against a real {@code sadasya serve}
 * process, which is killed with SIGKILL at random moments and restarted. Every enrolment that got a
 * 202 must exist after the restart; a request the crash left unanswered, sent again unchanged, must be
 * accepted exactly once; in the end every enrolment is decided, has each of its images readable, and
 * no submission is stored twice. On H2 (the embedded default) and PostgreSQL.
 *
 * <p>On PostgreSQL another node issues members meanwhile, straight into the shared database (an
 * H2 file cannot be shared): after each restart the server's face index, caught up from the change
 * feed of what it held at the kill, holds exactly the members in the database.
 *
 * <p>Cycles and seed: {@code -Dsadasya.crash.cycles=N} (default 3), {@code -Dsadasya.crash.seed=S}
 * (default random; logged, so a failing run can be repeated).
 */
class CrashConsistencyTest {

    private static final Logger log = LoggerFactory.getLogger(CrashConsistencyTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "crash-test-admin-password";
    private static final int CLIENTS = 3;
    private static final Set<String> DECIDED = Set.of("ACCEPTED", "REJECTED", "REVIEW");

    @TempDir
    Path dir;

    @Test
    void acknowledgedEnrolmentsSurviveSigkill_onH2() throws Exception {
        run(Map.of(), null);
    }

    @Test
    void acknowledgedEnrolmentsSurviveSigkill_onPostgres() throws Exception {
        String schema = Databases.newPostgresSchema();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            run(Map.of("SPRING_DATASOURCE_URL", Databases.PG_URL + "?currentSchema=" + schema,
                    "SPRING_DATASOURCE_USERNAME", Databases.PG_USER,
                    "SPRING_DATASOURCE_PASSWORD", "",
                    "SADASYA_IMAGE_KEY", Base64.getEncoder().encodeToString(key),
                    "SADASYA_CHALLENGE_KEY", Base64.getEncoder().encodeToString(key),
                    "SADASYA_CARD_KEY", org.sadasya.card.CardSigningKey.generate().toJSONString()), key, true);
        } finally {
            Databases.dropPostgresSchema(schema);
        }
    }

    private void run(Map<String, String> databaseEnv, byte[] configuredKey) throws Exception {
        run(databaseEnv, configuredKey, false);
    }

    private void run(Map<String, String> databaseEnv, byte[] configuredKey, boolean otherNode) throws Exception {
        int cycles = Integer.getInteger("sadasya.crash.cycles", 3);
        long seed = Long.getLong("sadasya.crash.seed", new SecureRandom().nextLong());
        log.info("crash test: {} cycles, seed {} (repeat with -Dsadasya.crash.seed={})", cycles, seed, seed);
        Random random = new Random(seed);
        Server server = new Server(dir, databaseEnv);

        Map<String, Sent> acknowledged = new ConcurrentHashMap<>();
        Map<String, Sent> unanswered = new ConcurrentHashMap<>();
        List<String> lost = new ArrayList<>();
        AtomicInteger serial = new AtomicInteger();
        server.start();
        String token = server.login("9000000001", server.demoPassword());
        long boothId = server.firstBoothId();
        String adminToken = server.login("admin", ADMIN_PASSWORD);
        OtherNode node = otherNode ? new OtherNode(databaseEnv.get("SPRING_DATASOURCE_URL"), boothId, random.nextLong()) : null;

        for (int cycle = 0; cycle < cycles; cycle++) {
            Map<String, Sent> ackedThisCycle = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        Sent s = Sent.next(serial.getAndIncrement(), boothId);
                        try {
                            HttpResponse<String> r = server.post(token, s);
                            if (r.statusCode() == 202) {
                                ackedThisCycle.put(s.submissionId, s);
                            } else {
                                throw new AssertionError("intake answered " + r.statusCode() + ": " + r.body());
                            }
                        } catch (IOException e) {
                            unanswered.put(s.submissionId, s); // the crash cut this request off
                            return;
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "crash-client-" + c);
                t.start();
                clients.add(t);
            }
            if (node != null) {
                clients.add(node.issueUntil(stop));
            }
            Thread.sleep(1500 + random.nextInt(2500));
            server.kill();
            stop.set(true);
            for (Thread t : clients) {
                t.join(30_000);
            }
            server.start();
            for (Sent s : ackedThisCycle.values()) {
                if (server.status(token, s.submissionId) == null) {
                    lost.add(s.submissionId);
                }
            }
            acknowledged.putAll(ackedThisCycle);
            log.info("crash cycle {}: {} acknowledged, {} unanswered at the kill, {} lost so far", cycle,
                    ackedThisCycle.size(), unanswered.size(), lost.size());
            if (node != null) {
                assertIndexAgrees(server, adminToken, node, cycle);
            }
        }
        if (node != null) {
            assertThat(node.issued.get()).as("the other node issued members").isGreaterThan(cycles);
        }
        assertThat(lost).as("enrolments answered 202 and missing after a SIGKILL (%d acknowledged, seed %d)",
                acknowledged.size(), seed).isEmpty();
        assertThat(acknowledged.size()).as("the clients got enrolments through").isGreaterThan(cycles * 5);

        // A retry sends the same bytes: each is accepted, a second time answers as the first.
        for (Sent s : unanswered.values()) {
            HttpResponse<String> first = server.post(token, s);
            assertThat(first.statusCode()).as("retry of %s", s.submissionId).isEqualTo(202);
            HttpResponse<String> again = server.post(token, s);
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(again.body()).isEqualTo(first.body());
        }
        Map<String, Sent> all = new HashMap<>(acknowledged);
        all.putAll(unanswered);

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        for (String id : all.keySet()) {
            String status;
            while ((status = server.status(token, id)) == null || !DECIDED.contains(status)) {
                assertThat(System.nanoTime()).as("%s still %s", id, status).isLessThan(deadline);
                Thread.sleep(200);
            }
        }
        server.stop();
        assertStoredOnce(server, all, configuredKey);
    }

    /** Straight from the database: one row per submission, decided, its job done, its images decrypting. */
    private void assertStoredOnce(Server server, Map<String, Sent> all, byte[] configuredKey) throws Exception {
        byte[] key = configuredKey != null ? configuredKey
                : Base64.getDecoder().decode(Files.readString(dir.resolve("image.key")).strip());
        ImageStore images = new ImageStore(dir.resolve("images"), new SecretKeySpec(key, "AES"));
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            Map<String, String> statuses = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT submission_id, status FROM enrollment WHERE submission_id NOT LIKE '"
                    + OtherNode.PREFIX + "%'")) {
                while (rs.next()) {
                    assertThat(statuses.put(rs.getString(1), rs.getString(2))).as("stored twice").isNull();
                }
            }
            assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(all.keySet());
            assertThat(statuses.values()).allMatch(DECIDED::contains);
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM verification_job WHERE status <> 'DONE'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("jobs left unfinished").isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT e.submission_id, i.image_key, i.sha256 FROM enrollment e"
                    + " JOIN enrollment_image i ON i.enrollment_id = e.id WHERE i.kind = 'PHOTO'")) {
                int photos = 0;
                while (rs.next()) {
                    Sent s = all.get(rs.getString(1));
                    assertThat(images.get(rs.getString(2))).as("photo of %s", s.submissionId).isEqualTo(s.photo);
                    photos++;
                }
                assertThat(photos).isEqualTo(all.size());
            }
        }
    }

    /**
     * The restarted server's face index holds exactly the database's members: its health's face count
     * once it has caught up (the other node is stopped, so the count holds still).
     */
    private void assertIndexAgrees(Server server, String adminToken, OtherNode node, int cycle) throws Exception {
        long inDatabase = node.liveFaces();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode index;
        while (true) {
            index = JSON.readTree(server.get(adminToken, "/actuator/health").body()).path("components").path("memberIndex")
                    .path("details");
            if (index.path("changesBehind").asLong(-1) == 0 && index.path("faces").asLong(-1) == inDatabase) {
                break;
            }
            assertThat(System.nanoTime()).as("cycle %d: the face index %s, the database %d faces", cycle, index, inDatabase)
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
        log.info("crash cycle {}: the face index holds the database's {} member faces", cycle, inDatabase);
    }

    /**
     * Another node sharing the PostgreSQL database: it issues members (an accepted enrolment, the
     * member and a face of the serving model, under the member-issue lock) as fast as it can.
     */
    private static final class OtherNode {
        static final String PREFIX = "n2-";
        static final String MODEL = org.sadasya.face.model.EmbeddingModel.MOBILEFACENET.version();

        final AtomicInteger issued = new AtomicInteger();
        private final org.springframework.jdbc.datasource.DriverManagerDataSource ds;
        private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
        private final org.springframework.transaction.support.TransactionTemplate tx;
        private final EnrollmentRepository enrollments;
        private final org.sadasya.member.JdbcMemberRepository members;
        private final long boothId;
        private final long workerId;
        private final String boothPath;
        private final Random random;

        OtherNode(String url, long boothId, long seed) {
            this.ds = new org.springframework.jdbc.datasource.DriverManagerDataSource(url, Databases.PG_USER, "");
            this.jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(ds);
            this.tx = new org.springframework.transaction.support.TransactionTemplate(
                    new org.springframework.jdbc.datasource.DataSourceTransactionManager(ds));
            this.enrollments = new EnrollmentRepository(jdbc);
            this.members = new org.sadasya.member.JdbcMemberRepository(jdbc, java.time.Clock.systemUTC(), "N2");
            this.boothId = boothId;
            this.workerId = jdbc.sql("SELECT id FROM app_user WHERE username = '9000000001'").query(Long.class).single();
            this.boothPath = jdbc.sql("SELECT path FROM org_unit WHERE id = ?").params(boothId).query(String.class).single();
            this.random = new Random(seed);
        }

        Thread issueUntil(AtomicBoolean stop) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    issueOne();
                }
            }, "crash-other-node");
            t.start();
            return t;
        }

        private void issueOne() {
            int n = issued.get();
            float[] face = new float[192];
            for (int i = 0; i < face.length; i++) {
                face[i] = (float) random.nextGaussian();
            }
            java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
            tx.executeWithoutResult(s -> {
                long e = enrollments.insert(PREFIX + UUID.randomUUID().toString().replace("-", ""), "0".repeat(64), workerId,
                        boothId, boothPath, "{}", 202, "{}", now);
                var m = members.insert(new org.sadasya.member.JdbcMemberRepository.NewMember(e, "Other Node " + n, null,
                        "8" + String.format("%09d", n), "NOD" + String.format("%07d", n), 30, "F", boothId, workerId), face, MODEL);
                enrollments.decide(e, EnrollmentStatus.ACCEPTED, "[]", m.id(), null, face, MODEL, now);
            });
            issued.incrementAndGet();
        }

        long liveFaces() {
            return jdbc.sql("SELECT COUNT(*) FROM member_face WHERE model_version = ? AND erased = FALSE").params(MODEL)
                    .query(Long.class).single();
        }
    }

    /** One enrolment as a client sends it; a retry sends exactly these bytes again. */
    private record Sent(String submissionId, String data, byte[] photo) {
        static Sent next(int n, long boothId) {
            String id = UUID.randomUUID().toString();
            String epic = "CRS" + String.format("%07d", n);
            String mobile = "9" + String.format("%09d", n);
            return new Sent(id, Submissions.data(id, boothId, epic, mobile), Submissions.fakeJpeg(n));
        }
    }

    /** {@code sadasya serve --demo} in its own JVM, on the test's class path. */
    private static final class Server {
        private final Path dataDir;
        private final Map<String, String> env;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private Process process;
        private int port;
        private String demoPassword;
        private int starts;

        Server(Path dataDir, Map<String, String> env) {
            this.dataDir = dataDir;
            this.env = env;
        }

        void start() throws Exception {
            port = freePort();
            Path out = dataDir.resolve("server-" + (starts++) + ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    "org.sadasya.cli.SadasyaCommand", "serve", "--demo", "--port", String.valueOf(port));
            pb.environment().put("SADASYA_DATA_DIR", dataDir.toString());
            pb.environment().put("SADASYA_ADMIN_PASSWORD", ADMIN_PASSWORD);
            pb.environment().putAll(env);
            pb.redirectErrorStream(true).redirectOutput(out.toFile());
            process = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (true) {
                if (!process.isAlive()) {
                    throw new AssertionError("the server exited with " + process.exitValue() + ":\n"
                            + Files.readString(out));
                }
                try {
                    if (get(null, "/actuator/health/readiness").statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the server did not become ready:\n" + Files.readString(out));
                }
                Thread.sleep(250);
            }
            demoPassword = Files.readString(dataDir.resolve("demo.password")).strip();
        }

        String demoPassword() {
            return demoPassword;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy(); // SIGTERM: graceful
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        Connection connect() throws SQLException {
            String url = env.get("SPRING_DATASOURCE_URL");
            if (url != null) {
                return DriverManager.getConnection(url, Databases.PG_USER, "");
            }
            return DriverManager.getConnection(Databases.h2Url(dataDir), "sa", "");
        }

        String login(String username, String password) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/v1/auth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("username", username, "password", password)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("login %s: %s", username, r.body()).isEqualTo(200);
            return JSON.readTree(r.body()).get("accessToken").asText();
        }

        long firstBoothId() throws Exception {
            String admin = login("admin", ADMIN_PASSWORD);
            for (long id = 1; id < 50; id++) {
                HttpResponse<String> r = get(admin, "/api/v1/org-units/" + id);
                if (r.statusCode() == 200 && "BOOTH".equals(JSON.readTree(r.body()).path("level").asText())) {
                    return id;
                }
            }
            throw new AssertionError("the demo hierarchy has no booth");
        }

        HttpResponse<String> post(String token, Sent s) throws IOException, InterruptedException {
            String boundary = "crash" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            part(body, boundary, "data", null, "application/json", s.data.getBytes(StandardCharsets.UTF_8));
            part(body, boundary, "photo", "photo.jpg", "image/jpeg", s.photo);
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return http.send(HttpRequest.newBuilder(uri("/api/v1/enrollments")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** The enrolment's status, or null when the server does not know it. */
        String status(String token, String submissionId) throws Exception {
            HttpResponse<String> r = get(token, "/api/v1/enrollments/" + submissionId);
            if (r.statusCode() == 404) {
                return null;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode node = JSON.readTree(r.body());
            return node.get("status").asText();
        }

        private HttpResponse<String> get(String token, String path) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private static void part(ByteArrayOutputStream out, String boundary, String name, String filename,
                String type, byte[] content) throws IOException {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                    + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\nContent-Type: " + type
                    + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }
}
