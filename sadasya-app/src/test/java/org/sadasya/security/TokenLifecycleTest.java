package org.sadasya.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.SadasyaApplication;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Fixture;
import org.sadasya.testsupport.MutableClock;
import org.sadasya.testsupport.ServiceTestConfig;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A token works until logout or expiry; logout revokes it at once, expired ones are purged. */
@SpringBootTest(classes = SadasyaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTestConfig.class)
class TokenLifecycleTest {

    static final String ADMIN_PASSWORD = "token-test-admin";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        Path dir = Files.createTempDirectory("sadasya-token-test");
        r.add("sadasya.data-dir", dir::toString);
        r.add("sadasya.admin-password", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @Test
    void logout_revokesTheTokenAtOnce_andIsAudited() {
        Api admin = new Api(port).login("admin", ADMIN_PASSWORD);
        Api other = new Api(port).login("admin", ADMIN_PASSWORD);
        assertThat(admin.get("/api/v1/org-units").status()).isEqualTo(200);

        assertThat(admin.post("/api/v1/auth/logout", "{}").status()).isEqualTo(204);

        Api.Response after = admin.get("/api/v1/org-units");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(admin.post("/api/v1/auth/logout", "{}").status()).as("a revoked token cannot log out again")
                .isEqualTo(401);
        assertThat(other.get("/api/v1/org-units").status()).as("the user's other tokens still work").isEqualTo(200);
        assertThat(other.get("/api/v1/audit?limit=20").body()).contains("LOGOUT");
    }

    @Test
    void expiredTokens_stopWorking_andArePurged() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        try (Databases.Db db = Databases.h2(dir)) {
            Fixture f = new Fixture(db, dir.resolve("images"), clock);
            var encoder = new BCryptPasswordEncoder(4);
            f.users.insert("reviewer.x", encoder.encode("pw-123456789"), Role.REVIEWER, "R", null, null);
            TokenService tokens = new TokenService(f.jdbc, f.users, encoder, clock, Duration.ofHours(12));
            String early = tokens.login("reviewer.x", "pw-123456789").orElseThrow().accessToken();
            clock.advance(Duration.ofHours(11));
            String late = tokens.login("reviewer.x", "pw-123456789").orElseThrow().accessToken();
            clock.advance(Duration.ofHours(2));

            assertThat(tokens.resolve(early)).as("expired").isEmpty();
            assertThat(tokens.resolve(late)).isPresent();
            assertThat(tokens.purgeExpired()).isEqualTo(1);
            assertThat(f.jdbc.sql("SELECT COUNT(*) FROM api_token").query(Long.class).single()).isEqualTo(1);
            assertThat(tokens.resolve(late)).isPresent();
        }
    }
}
