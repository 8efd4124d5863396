package org.sadasya.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sadasya.SadasyaApplication;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.ServiceTestConfig;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Login attempts are limited per username and per address; a throttled login says how long to wait. */
@SpringBootTest(classes = SadasyaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTestConfig.class)
class LoginThrottleApiTest {

    static final String ADMIN_PASSWORD = "throttle-admin-pw";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        Path dir = Files.createTempDirectory("sadasya-throttle-test");
        r.add("sadasya.data-dir", dir::toString);
        r.add("sadasya.admin-password", () -> ADMIN_PASSWORD);
        r.add("sadasya.login.per-user-attempts", () -> "3");
        r.add("sadasya.login.per-address-attempts", () -> "8");
        r.add("sadasya.login.window", () -> "15m");
    }

    @LocalServerPort
    int port;

    Api.Response login(String username, String password) {
        return new Api(port).post("/api/v1/auth/token",
                "{\"username\": \"%s\", \"password\": \"%s\"}".formatted(username, password));
    }

    @Test
    void guessingOneAccount_isThrottledPerUsername_thenPerAddress() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(login("admin", "guess-" + i).status()).isEqualTo(401);
        }
        Api.Response throttled = login("admin", ADMIN_PASSWORD);
        assertThat(throttled.status()).as("even the right password waits").isEqualTo(429);
        assertThat(throttled.json().get("code").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
        long wait = throttled.json().get("retryAfterSeconds").asLong();
        assertThat(wait).isBetween(1L, 15 * 60L);
        assertThat(throttled.json().get("detail").asText()).contains(Long.toString(wait));
        assertThat(login("ADMIN ", "x").status()).as("the same username, written otherwise").isEqualTo(429);

        // other usernames from this address: 8 attempts in all, 5 used above
        assertThat(login("someone.else", "x").status()).isEqualTo(401);
        assertThat(login("third.user", "x").status()).isEqualTo(401);
        assertThat(login("fourth.user", "x").status()).isEqualTo(401);
        Api.Response address = login("fifth.user", "x");
        assertThat(address.status()).as("the address's attempts are used up").isEqualTo(429);
        assertThat(address.json().get("code").asText()).isEqualTo("TOO_MANY_ATTEMPTS");

        // the wait is also in the Retry-After header (one test: the address's bucket is shared state)
        var http = java.net.http.HttpClient.newHttpClient();
        var raw = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\": \"retry.user\", \"password\": \"x\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(429);
        assertThat(raw.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    }
}
