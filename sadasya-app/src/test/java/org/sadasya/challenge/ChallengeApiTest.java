package org.sadasya.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sadasya.face.challenge.ChallengeStep.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sadasya.SadasyaApplication;
import org.sadasya.face.challenge.ChallengeStep;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.MutableClock;
import org.sadasya.testsupport.ServiceTestConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Challenge tickets through a real server on H2 (DESIGN.md, "Capture and challenge"): issue, and
 * what the LIVENESS rule makes of a ticket's signature, owner, expiry, grace and single use. The
 * steps come from a scripted step source bean and time from a test clock; the face engine is the
 * scripted double.
 */
@SpringBootTest(classes = SadasyaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ServiceTestConfig.class, ChallengeApiTest.Overrides.class})
class ChallengeApiTest {

    static final String ADMIN_PASSWORD = "admin-challenge-password";
    static final AtomicInteger SEQ = new AtomicInteger(500);
    static final Instant START = Instant.parse("2026-11-29T09:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class Overrides {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START);
        }

        @Bean
        @Primary
        ScriptedSteps scriptedSteps() {
            return new ScriptedSteps();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        Path dir = Files.createTempDirectory("sadasya-challenge-test");
        r.add("sadasya.data-dir", dir::toString);
        r.add("sadasya.admin-password", () -> ADMIN_PASSWORD);
        r.add("sadasya.verifier.poll", () -> "50ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    ScriptedSteps steps;
    @Autowired
    MutableClock clock;
    @Autowired
    Clock injectedClock;

    Api anonymous;
    Api admin;
    Hierarchy h;

    @BeforeEach
    void aWorker() {
        anonymous = new Api(port);
        admin = anonymous.login("admin", ADMIN_PASSWORD);
        h = Hierarchy.create(anonymous, admin, SEQ.incrementAndGet());
        steps.set(List.of(TURN_LEFT, LOOK_UP, FACE_CAMERA));
    }

    @Test
    void aWorker_getsTheTicketsAskedFor_withTheServersSteps_signed_expiringAfterTheLifetime() {
        assertThat(injectedClock).as("the service runs on the test clock").isSameAs(clock);
        steps.set(List.of(TURN_RIGHT, TURN_LEFT, FACE_CAMERA));
        Api.Response r = h.worker().post("/api/v1/challenges", "{\"count\": 5}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode tickets = r.json();
        assertThat(tickets).hasSize(5);
        Set<String> ids = new HashSet<>();
        for (JsonNode t : tickets) {
            ids.add(t.get("challengeId").asText());
            assertThat(t.get("challengeId").asText()).matches("[0-9a-f-]{36}");
            List<String> s = new ArrayList<>();
            t.get("steps").forEach(x -> s.add(x.asText()));
            assertThat(s).containsExactly("TURN_RIGHT", "TURN_LEFT", "FACE_CAMERA");
            Instant issued = Instant.parse(t.get("issuedAt").asText());
            Instant expires = Instant.parse(t.get("expiresAt").asText());
            assertThat(issued).isEqualTo(clock.instant());
            assertThat(Duration.between(issued, expires)).as("sadasya.challenge.lifetime").isEqualTo(Duration.ofDays(3));
            assertThat(t.get("signature").asText()).matches("[A-Za-z0-9_-]{43}");
        }
        assertThat(ids).as("every ticket is its own").hasSize(5);
    }

    @Test
    void theDefaultStepSource_isRandom_andFollowable() {
        RandomChallengeSteps defaults = new RandomChallengeSteps(3);
        for (int i = 0; i < 50; i++) {
            assertThat(ChallengeSequences.followable(defaults.next())).isTrue();
        }
    }

    @Test
    void onlyWorkers_getTickets_andTheCountIsBounded() {
        Api.Response byAdmin = admin.post("/api/v1/challenges", "{\"count\": 1}");
        assertThat(byAdmin.status()).isEqualTo(403);
        assertThat(byAdmin.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(anonymous.post("/api/v1/challenges", "{\"count\": 1}").status()).isEqualTo(401);

        for (String body : List.of("{\"count\": 0}", "{\"count\": 51}", "{}", "{\"count\": \"many\"}")) {
            Api.Response r = h.worker().post("/api/v1/challenges", body);
            assertThat(r.status()).as(body + ": " + r).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("code").asText()).isEqualTo("FIELD_INVALID");
            assertThat(r.json().get("field").asText()).isEqualTo("count");
        }
        assertThat(h.worker().post("/api/v1/challenges", "{\"count\": 50}").json()).hasSize(50);
    }

    static List<ChallengeStep> stepsOf(JsonNode ticket) {
        List<ChallengeStep> s = new ArrayList<>();
        ticket.get("steps").forEach(x -> s.add(ChallengeStep.valueOf(x.asText())));
        return s;
    }
}
