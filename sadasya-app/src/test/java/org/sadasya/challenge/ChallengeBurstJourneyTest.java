package org.sadasya.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sadasya.face.challenge.ChallengeStep.FACE_CAMERA;
import static org.sadasya.face.challenge.ChallengeStep.TURN_LEFT;
import static org.sadasya.face.challenge.ChallengeStep.TURN_RIGHT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sadasya.SadasyaApplication;
import org.sadasya.face.challenge.ChallengeStep;
import org.sadasya.face.testsupport.SharedData;
import org.sadasya.testsupport.Api;
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
 * A real challenge burst through the HTTP API and the real face engine: the frames of a real live
 * clip (../shared/data/video/apfol/live_turns_talking, frames 7–34 every 300 ms, still 35; its steps
 * are annotated in sadasya-face's clips.tsv: left from 0 ms, right from 1 000 ms, left from 1 800 ms).
 * One person is in the clip, so FACE_COUNT fails; the test reads the LIVENESS rule of that one face.
 * The server's step source is replaced (a bean) so that the ticket asks for what the clip does, or
 * for something else.
 */
@SpringBootTest(classes = SadasyaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ChallengeBurstJourneyTest.Steps.class)
class ChallengeBurstJourneyTest {

    static final String ADMIN_PASSWORD = "burst-journey-admin";
    static final String CLIP = "data/video/apfol/live_turns_talking/%06d.jpg";
    static final List<ChallengeStep> CLIP_STEPS = List.of(TURN_LEFT, TURN_RIGHT, TURN_LEFT);
    static final List<Long> CLIP_STEP_STARTS = List.of(0L, 1000L, 1800L);

    @TestConfiguration(proxyBeanMethods = false)
    static class Steps {
        @Bean
        @Primary
        ScriptedSteps scriptedSteps() {
            return new ScriptedSteps();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        Path dir = Files.createTempDirectory("sadasya-burst-journey");
        r.add("sadasya.data-dir", dir::toString);
        r.add("sadasya.admin-password", () -> ADMIN_PASSWORD);
        r.add("sadasya.verifier.poll", () -> "100ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    ScriptedSteps steps;

    // one hierarchy for the class (JUnit makes a new instance per test)
    static Api worker;
    static long boothId;
    static int serial;

    @BeforeEach
    void aWorker() {
        Api anonymous = new Api(port);
        Api admin = anonymous.login("admin", ADMIN_PASSWORD);
        if (worker == null) {
            long state = id(admin.post("/api/v1/org-units",
                    "{\"parentId\": null, \"level\": \"STATE\", \"code\": \"BJ\", \"name\": \"State\"}"));
            boothId = id(admin.post("/api/v1/org-units", ("{\"parentId\": %d, \"level\": \"BOOTH\", \"code\": \"BJ-B1\","
                    + " \"name\": \"Booth 1\", \"latitude\": 23.26, \"longitude\": 77.4127, \"radiusMeters\": 200}")
                    .formatted(state)));
            id(admin.post("/api/v1/workers", "{\"name\": \"Worker\", \"mobile\": \"9855500001\","
                    + " \"password\": \"worker-pw-1\", \"orgUnitId\": %d}".formatted(boothId)));
            worker = anonymous.login("9855500001", "worker-pw-1");
        }
    }

    static long id(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.id();
    }

    static byte[] frame(int n) throws IOException {
        return Files.readAllBytes(SharedData.file(String.format(CLIP, n)));
    }

    /** Enrols the clip's burst and still, with the challenge of {@code ticket} (or none), and waits for the decision. */
    JsonNode enrol(JsonNode ticket) throws IOException {
        List<byte[]> burst = new ArrayList<>();
        ArrayNode times = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().createArrayNode();
        for (int n = 7; n <= 34; n += 3) {
            burst.add(frame(n));
            times.add((n - 7) * 100L);
        }
        String challenge = "";
        if (ticket != null) {
            ObjectNode c = ticket.deepCopy();
            c.set("frameTimesMs", times);
            ArrayNode starts = c.putArray("stepStartsMs");
            CLIP_STEP_STARTS.forEach(starts::add);
            challenge = ", \"challenge\": " + c;
        }
        String id = UUID.randomUUID().toString();
        serial++;
        String data = """
                {"submissionId": "%s", "boothId": %d,
                 "member": {"name": "Member", "mobile": "97555%05d", "epic": "BJM%07d", "age": 30, "gender": "M"},
                 "latitude": 23.26, "longitude": 77.4127, "accuracyMeters": 8,
                 "capturedAt": "%s", "consent": true%s}
                """.formatted(id, boothId, serial, serial, Instant.now().truncatedTo(ChronoUnit.SECONDS), challenge);
        Api.Response sent = worker.multipart("/api/v1/enrollments",
                Api.enrolment(frame(35), data, burst.toArray(byte[][]::new)));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        // as the admin: the worker's view has no evidence
        return worker.login("admin", ADMIN_PASSWORD).await("/api/v1/enrollments/" + id,
                j -> !List.of("RECEIVED", "PROCESSING").contains(j.get("status").asText()), Duration.ofSeconds(120)).json();
    }

    static JsonNode liveness(JsonNode enrolment) {
        for (JsonNode r : enrolment.get("reasons")) {
            if (r.get("code").asText().equals("LIVENESS")) {
                return r;
            }
        }
        throw new AssertionError("no LIVENESS reason in " + enrolment);
    }

    JsonNode ticketFor(List<ChallengeStep> asked) {
        steps.set(asked);
        Api.Response r = worker.post("/api/v1/challenges", "{\"count\": 1}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get(0);
    }

    @Test
    void aLiveClipFollowingItsTicket_passesLiveness_withTheChallengeEvidence() throws IOException {
        JsonNode ticket = ticketFor(CLIP_STEPS);
        JsonNode rule = liveness(enrol(ticket));

        assertThat(rule.get("outcome").asText()).as(rule.toString()).isEqualTo("PASS");
        JsonNode ev = rule.get("evidence");
        assertThat(ev.get("challengeId").asText()).isEqualTo(ticket.get("challengeId").asText());
        assertThat(ev.get("burstFrames").asInt()).isEqualTo(10);
        assertThat(ev.get("faces")).hasSize(1);
        assertThat(ev.get("faces").get(0).get("followed").asBoolean()).isTrue();
        assertThat(ev.get("faces").get(0).get("evidence").has("steps")).as(ev.toString()).isTrue();
    }

    @Test
    void theSameFrames_underATicketAskingForOtherSteps_doNotPass() throws IOException {
        JsonNode rule = liveness(enrol(ticketFor(List.of(TURN_RIGHT, TURN_LEFT, FACE_CAMERA))));

        assertThat(rule.get("outcome").asText()).as(rule.toString()).isNotEqualTo("PASS");
        assertThat(rule.get("evidence").get("faces").get(0).get("followed").asBoolean()).isFalse();
    }

    @Test
    void theSameCaptureWithoutATicket_isAtBestReview() throws IOException {
        JsonNode rule = liveness(enrol(null));

        assertThat(rule.get("outcome").asText()).as(rule.toString()).isIn("REVIEW", "REJECT");
        assertThat(rule.get("evidence").get("challengeId").isNull()).isTrue();
    }
}
