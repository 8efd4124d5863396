package org.sadasya.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.audit.AuditVerification;
import org.sadasya.decision.MemberFaceIndex.FaceMatch;
import org.sadasya.decision.MemberRepository.MemberRef;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.member.HnswMemberFaceIndex;
import org.sadasya.member.JdbcMemberRepository.NewMember;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Fixture;
import org.sadasya.testsupport.Submissions;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Backup and restore as README's "Operating Sadasya" says it: {@code pg_dump} of the database, a
 * copy of the image directory and the image key, restored on a fresh database (another machine's)
 * with {@code pg_restore}. The restored service has nothing to migrate, reads every photo with the
 * same key, rebuilds its face index from the database and finds the same members, its audit chain
 * is intact with the same head, and the next member's change number follows the old ones.
 */
class BackupRestoreTest {

    @TempDir
    Path dir;

    @Test
    void aDumpTheImagesAndTheKey_restoreAServiceWithTheSameMembersPhotosAndAuditChain() throws Exception {
        byte[] rawKey = new byte[32];
        new SecureRandom().nextBytes(rawKey);
        SecretKey imageKey = new SecretKeySpec(rawKey, "AES");
        Path dump = dir.resolve("backup/sadasya.pgdump");
        Path restoredImages = dir.resolve("fresh-machine/images");
        Map<String, byte[]> photos = new TreeMap<>();
        List<FaceMatch> before;
        String schema;
        String headBefore;
        long lastChange;
        try (Databases.Db db = Databases.postgres()) {
            schema = db.schema();
            Fixture f = new Fixture(db, dir.resolve("images"), Clock.systemUTC(), imageKey);
            Fixture.Seed seed = f.seed();
            for (int i = 0; i < 3; i++) {
                issue(f, seed, new float[] {1, i, 0}, i, photos);
            }
            before = nearest(f.jdbc, dir.resolve("index-before"));
            headBefore = new AuditVerification(db.dataSource()).verify().lastHash();
            lastChange = f.jdbc.sql("SELECT MAX(change_seq) FROM member_face").query(Long.class).single();

            run("pg_dump", "-h", "127.0.0.1", "-U", Databases.PG_USER, "-n", schema, "--no-owner", "-Fc", "-f",
                    mkdirs(dump).toString(), "test");
            copyTree(dir.resolve("images"), restoredImages);
        }
        // the source schema is gone (the test database dropped it): the fresh database is all there is
        String database = "sadasya_restore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        admin("CREATE DATABASE " + database);
        try {
            run("pg_restore", "-h", "127.0.0.1", "-U", Databases.PG_USER, "--no-owner", "-d", database, dump.toString());
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/" + database + "?currentSchema=" + schema);
            cfg.setUsername(Databases.PG_USER);
            cfg.setPassword("");
            try (HikariDataSource restored = new HikariDataSource(cfg)) {
                Flyway flyway = Flyway.configure().dataSource(restored)
                        .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load();
                assertThat(flyway.info().pending()).as("nothing left to migrate").isEmpty();
                flyway.validate();

                JdbcClient jdbc = JdbcClient.create(restored);
                ImageStore images = new ImageStore(restoredImages, new SecretKeySpec(rawKey, "AES"));
                for (Map.Entry<String, byte[]> photo : photos.entrySet()) {
                    assertThat(images.get(photo.getKey())).as("photo " + photo.getKey()).isEqualTo(photo.getValue());
                }
                assertThat(jdbc.sql("SELECT COUNT(*) FROM enrollment_image").query(Long.class).single()).isEqualTo(photos.size());
                assertThat(nearest(jdbc, dir.resolve("fresh-machine/index"))).as("the rebuilt face index").isEqualTo(before);

                AuditVerification.Report audit = new AuditVerification(restored).verify();
                assertThat(audit.intact()).as(audit.problems().toString()).isTrue();
                assertThat(audit.lastHash()).isEqualTo(headBefore);

                long next = jdbc.sql("SELECT nextval('member_face_change_seq')").query(Long.class).single();
                assertThat(next).as("the change sequence came along").isGreaterThan(lastChange);
            }
        } finally {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static List<FaceMatch> nearest(JdbcClient jdbc, Path indexDir) {
        try (HnswMemberFaceIndex index = HnswMemberFaceIndex.open(jdbc, indexDir, "m1", HnswOptions.defaults().withRamBufferMb(16))) {
            return index.nearest("m1", new float[] {1, 0.5f, 0}, 3);
        }
    }

    private static void issue(Fixture f, Fixture.Seed seed, float[] embedding, int n, Map<String, byte[]> photos) {
        String id = UUID.randomUUID().toString();
        byte[] photo = Submissions.fakeJpeg(100 + n);
        f.submit.submit(seed.worker(), Submissions.data(id, seed.booth().id(), "ABC%07d".formatted(n), "98123456%02d".formatted(n)),
                photo, List.of());
        long e = f.enrollments.findBySubmissionId(id).orElseThrow().id();
        photos.put(f.enrollments.images(e).get(0).imageKey(), photo);
        MemberRef m = f.tx.execute(s -> f.members.insert(new NewMember(e, "Member " + n, null, "98123456%02d".formatted(n),
                "XYZ%07d".formatted(e), 30 + n, "F", seed.booth().id(), seed.worker().userId()), embedding, "m1"));
        assertThat(m).isNotNull();
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(Databases.PG_URL, Databases.PG_USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private static Path mkdirs(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return file;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
