package org.sadasya.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sadasya.face.challenge.ChallengeStep.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sadasya.SadasyaApplication;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.Challenges;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.MutableClock;
import org.sadasya.testsupport.ScriptedFaceAnalyzer;
import org.sadasya.testsupport.ServiceTestConfig;
import org.sadasya.testsupport.Submissions;
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

    // Enrolments with a challenge. Each uses its own member number, so that the photos and faces
    // differ (IMAGE_REUSE and DUPLICATE_FACE stay out of the way; only LIVENESS is asserted).

    static final AtomicInteger MEMBER = new AtomicInteger();

    String photoScript() {
        return "W%d,M%d".formatted(h.n(), MEMBER.incrementAndGet());
    }

    String data(String submissionId, String capturedAt, String challenge) {
        int m = MEMBER.incrementAndGet();
        return Submissions.data(submissionId, h.boothId(), "CHL%07d".formatted(m), "96%08d".formatted(m), capturedAt,
                challenge);
    }

    /** Sends an enrolment whose faces did {@code burstScript}, with {@code challenge} (or none) and {@code frames} frames. */
    Api.Response send(Api as, String submissionId, String capturedAt, String challenge, String burstScript, int frames) {
        byte[][] burst = burstScript == null ? new byte[0][] : ScriptedFaceAnalyzer.burst(burstScript, frames);
        return as.multipart("/api/v1/enrollments",
                Api.enrolment(ScriptedFaceAnalyzer.photo(photoScript()), data(submissionId, capturedAt, challenge), burst));
    }

    /** An enrolment that followed {@code ticket}, captured when it was issued. */
    String enrolFollowing(JsonNode ticket) {
        String id = UUID.randomUUID().toString();
        Api.Response r = send(h.worker(), id, ticket.get("issuedAt").asText(), Challenges.challenge(ticket, 3),
                Challenges.followed(ticket), 3);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return id;
    }

    /**
     * The LIVENESS reason with its evidence, as the admin sees it (a worker sees no evidence); a fresh
     * login, because some tests move the clock past a token's lifetime.
     */
    JsonNode liveness(String submissionId) {
        JsonNode done = anonymous.login("admin", ADMIN_PASSWORD).await("/api/v1/enrollments/" + submissionId,
                j -> !List.of("RECEIVED", "PROCESSING").contains(j.get("status").asText()), Duration.ofSeconds(20)).json();
        for (JsonNode r : done.get("reasons")) {
            if (r.get("code").asText().equals("LIVENESS")) {
                return r;
            }
        }
        throw new AssertionError("no LIVENESS in " + done);
    }

    static String reasonOf(JsonNode liveness) {
        return liveness.get("evidence").get("reason").asText();
    }

    /** A client of the same worker with a fresh token (tokens live 12 h; some tests move the clock by days). */
    Api workerAgain() {
        return anonymous.login("98%08d".formatted(h.n()), "worker-pw-1");
    }

    @Test
    void afterFiveLivenessRejections_aWorkerGetsNoTickets_untilTheyAgeOut_whileIntakeStillAccepts() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode ticket = Challenges.ticket(h.worker());
            String id = UUID.randomUUID().toString();
            Api.Response r = send(h.worker(), id, ticket.get("issuedAt").asText(), Challenges.challenge(ticket, 3), "PLANAR", 3);
            assertThat(r.status()).as(r.toString()).isEqualTo(202);
            ids.add(id);
            clock.advance(Duration.ofMinutes(10));
        }
        for (String id : ids) {
            assertThat(liveness(id).get("outcome").asText()).isEqualTo("REJECT");
        }

        Api.Response paused = h.worker().post("/api/v1/challenges", "{\"count\": 5}");
        assertThat(paused.status()).as(paused.toString()).isEqualTo(429);
        assertThat(paused.json().get("code").asText()).isEqualTo("LIVENESS_COOL_DOWN");
        long wait = paused.json().get("retryAfterSeconds").asLong();
        assertThat(wait).as("until the first rejection is a day old").isBetween(Duration.ofHours(22).toSeconds(),
                Duration.ofHours(24).toSeconds());
        // intake is never held back: a capture made without a ticket is still received
        String offline = UUID.randomUUID().toString();
        Api.Response received = send(h.worker(), offline, clock.instant().toString(), null, "UNUSABLE", 3);
        assertThat(received.status()).as(received.toString()).isEqualTo(202);

        clock.advance(Duration.ofSeconds(wait + 1));
        Api.Response again = workerAgain().post("/api/v1/challenges", "{\"count\": 2}");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
    }

    @Test
    void bothFacesFollowingTheirTicket_passLiveness_withTheChallengeEvidence() {
        ObjectNode ticket = Challenges.ticket(h.worker());
        JsonNode r = liveness(enrolFollowing(ticket));

        assertThat(r.get("outcome").asText()).as(r.toString()).isEqualTo("PASS");
        JsonNode ev = r.get("evidence");
        assertThat(ev.get("challengeId").asText()).isEqualTo(ticket.get("challengeId").asText());
        assertThat(ev.get("burstFrames").asInt()).isEqualTo(3);
        assertThat(ev.get("ticket").asText()).isEqualTo("TICKET_VALID");
        assertThat(reasonOf(r)).isEqualTo("CHALLENGE_FOLLOWED");
        assertThat(ev.get("faces")).hasSize(2);
        for (JsonNode face : ev.get("faces")) {
            assertThat(face.get("followed").asBoolean()).isTrue();
            assertThat(face.get("evidence").get("scriptedSteps").asText()).isEqualTo(Challenges.followed(ticket));
        }
    }

    @Test
    void theSameFrames_withATicketThatAskedOtherSteps_areRejected() {
        ObjectNode asked = Challenges.ticket(h.worker());
        String id = UUID.randomUUID().toString();
        send(h.worker(), id, asked.get("issuedAt").asText(), Challenges.challenge(asked, 3),
                "TURN_RIGHT>LOOK_UP>FACE_CAMERA", 3);

        JsonNode r = liveness(id);
        assertThat(r.get("outcome").asText()).isEqualTo("REJECT");
        assertThat(reasonOf(r)).isEqualTo("CHALLENGE_NOT_FOLLOWED");
    }

    @Test
    void aTamperedTicket_neverPasses_andEachAlterationHasItsReason() {
        record Case(String what, java.util.function.Consumer<ObjectNode> tamper, String reason) {}
        for (Case c : List.of(
                new Case("steps", t -> t.putArray("steps").add("TURN_RIGHT").add("LOOK_UP").add("FACE_CAMERA"),
                        "TICKET_STEPS_CHANGED"),
                new Case("id", t -> t.put("challengeId", UUID.randomUUID().toString()), "TICKET_FORGED"),
                new Case("expiry", t -> t.put("expiresAt", Instant.parse(t.get("expiresAt").asText())
                        .plus(Duration.ofDays(30)).toString()), "TICKET_FORGED"),
                new Case("signature", t -> t.put("signature", "A".repeat(43)), "TICKET_FORGED"))) {
            ObjectNode ticket = Challenges.ticket(h.worker());
            c.tamper().accept(ticket);
            // the faces do what the tampered ticket says: only the signature can tell
            String id = UUID.randomUUID().toString();
            send(h.worker(), id, clock.instant().toString(), Challenges.challenge(ticket, 3), Challenges.followed(ticket), 3);

            JsonNode r = liveness(id);
            assertThat(r.get("outcome").asText()).as(c.what()).isEqualTo("REVIEW");
            assertThat(reasonOf(r)).as(c.what()).isEqualTo(c.reason());
        }
    }

    @Test
    void anotherWorkersTicket_doesNotPass() {
        Hierarchy other = Hierarchy.create(anonymous, admin, SEQ.incrementAndGet());
        ObjectNode theirs = Challenges.ticket(other.worker());

        JsonNode r = liveness(enrolFollowing(theirs));

        assertThat(r.get("outcome").asText()).isEqualTo("REVIEW");
        assertThat(reasonOf(r)).isEqualTo("TICKET_OTHER_WORKER");
    }

    @Test
    void aTicketUsedByASecondEnrolment_isReview_andReplayingTheFirstChangesNothing() {
        ObjectNode ticket = Challenges.ticket(h.worker());
        String first = UUID.randomUUID().toString();
        String firstData = data(first, ticket.get("issuedAt").asText(), Challenges.challenge(ticket, 3));
        byte[] photo = ScriptedFaceAnalyzer.photo(photoScript());
        byte[][] burst = ScriptedFaceAnalyzer.burst(Challenges.followed(ticket), 3);
        Api.Response sent = h.worker().multipart("/api/v1/enrollments", Api.enrolment(photo, firstData, burst));
        assertThat(liveness(first).get("outcome").asText()).isEqualTo("PASS");

        String second = enrolFollowing(ticket);
        JsonNode r = liveness(second);
        assertThat(r.get("outcome").asText()).isEqualTo("REVIEW");
        assertThat(reasonOf(r)).isEqualTo("TICKET_USED");

        Api.Response replay = h.worker().multipart("/api/v1/enrollments", Api.enrolment(photo, firstData, burst));
        assertThat(replay.status()).isEqualTo(sent.status());
        assertThat(replay.body()).isEqualTo(sent.body());
        assertThat(liveness(first).get("outcome").asText()).as("the first keeps its ticket").isEqualTo("PASS");
    }

    @Test
    void withoutATicket_livenessIsReviewAtBest() {
        String id = UUID.randomUUID().toString();
        send(h.worker(), id, clock.instant().toString(), null, "TURN_LEFT>LOOK_UP>FACE_CAMERA", 3);

        JsonNode r = liveness(id);
        assertThat(r.get("outcome").asText()).isEqualTo("REVIEW");
        assertThat(reasonOf(r)).isEqualTo("NO_TICKET");
        assertThat(r.get("evidence").has("challengeId")).as("challengeId is always there").isTrue();
        assertThat(r.get("evidence").get("challengeId").isNull()).isTrue();
        assertThat(r.get("evidence").get("burstFrames").asInt()).isZero();
    }

    @Test
    void aCaptureAfterExpiry_isReview_aCaptureBeforeItArrivingWithinTheGracePasses_laterIsReview() {
        ObjectNode expiring = Challenges.ticket(h.worker());
        ObjectNode inGrace = Challenges.ticket(h.worker());
        ObjectNode late = Challenges.ticket(h.worker());
        Instant expiresAt = Instant.parse(expiring.get("expiresAt").asText());

        clock.advance(Duration.ofDays(3).plusHours(1)); // past the tickets' expiry, within the grace
        Api w = workerAgain();
        String afterExpiry = UUID.randomUUID().toString();
        send(w, afterExpiry, expiresAt.plusSeconds(60).toString(), Challenges.challenge(expiring, 3),
                Challenges.followed(expiring), 3);
        JsonNode expired = liveness(afterExpiry);
        assertThat(expired.get("outcome").asText()).isEqualTo("REVIEW");
        assertThat(reasonOf(expired)).isEqualTo("TICKET_EXPIRED");

        clock.advance(Duration.ofDays(5)); // expiry + 5 d 1 h: inside the 7-day grace
        w = workerAgain();
        String beforeExpiry = expiresAt.minusSeconds(60).toString();
        String outbox = UUID.randomUUID().toString();
        Api.Response accepted = send(w, outbox, beforeExpiry, Challenges.challenge(inGrace, 3),
                Challenges.followed(inGrace), 3);
        assertThat(accepted.status()).as("a late outbox still gets its durable 202").isEqualTo(202);
        assertThat(liveness(outbox).get("outcome").asText()).isEqualTo("PASS");

        clock.advance(Duration.ofDays(2)); // expiry + 7 d 1 h: past the grace
        w = workerAgain();
        String tooLate = UUID.randomUUID().toString();
        assertThat(send(w, tooLate, beforeExpiry, Challenges.challenge(late, 3), Challenges.followed(late), 3).status())
                .isEqualTo(202);
        JsonNode r = liveness(tooLate);
        assertThat(r.get("outcome").asText()).isEqualTo("REVIEW");
        assertThat(reasonOf(r)).isEqualTo("TICKET_ARRIVED_LATE");
    }

    @Test
    void twelveBurstFrames_areAccepted_thirteenAreRefused_sixtyPartsAreRefusedByTheContainerWithACode() {
        ObjectNode ticket = Challenges.ticket(h.worker());
        Api.Response twelve = send(h.worker(), UUID.randomUUID().toString(), ticket.get("issuedAt").asText(),
                Challenges.challenge(ticket, 12), Challenges.followed(ticket), 12);
        assertThat(twelve.status()).as(twelve.toString()).isEqualTo(202);

        ObjectNode another = Challenges.ticket(h.worker());
        Api.Response thirteen = send(h.worker(), UUID.randomUUID().toString(), another.get("issuedAt").asText(),
                Challenges.challenge(another, 13), Challenges.followed(another), 13);
        assertThat(thirteen.status()).isEqualTo(422);
        assertThat(thirteen.json().get("code").asText()).isEqualTo("FIELD_INVALID");
        assertThat(thirteen.json().get("field").asText()).isEqualTo("burst");

        String id = UUID.randomUUID().toString();
        List<Api.Part> parts = new ArrayList<>(Api.enrolment(ScriptedFaceAnalyzer.photo(photoScript()),
                data(id, clock.instant().toString(), null), ScriptedFaceAnalyzer.burst("TURN_LEFT", 58)));
        assertThat(parts).hasSize(60);
        Api.Response sixty = h.worker().multipart("/api/v1/enrollments", parts);
        assertThat(sixty.status()).as(sixty.toString()).isEqualTo(413);
        assertThat(sixty.contentType()).startsWith("application/problem+json");
        assertThat(sixty.json().get("code").asText()).isEqualTo("TOO_MANY_PARTS");
        assertThat(h.worker().get("/api/v1/enrollments/" + id).status()).as("nothing stored").isEqualTo(404);
    }

    @Test
    void anUploadCutOffMidPart_isABadRequestWithACode_notAServerError() {
        byte[] cut = ("--b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"s.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n\u00ff\u00d8 no end").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Api.Response r = h.worker().raw("/api/v1/enrollments", "multipart/form-data; boundary=b", cut);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("MULTIPART_INVALID");
    }

    @Test
    void aChangedChallenge_withTheSameSubmissionId_isAConflict() {
        ObjectNode ticket = Challenges.ticket(h.worker());
        String id = UUID.randomUUID().toString();
        String capturedAt = ticket.get("issuedAt").asText();
        String data = data(id, capturedAt, Challenges.challenge(ticket, 3));
        byte[] photo = ScriptedFaceAnalyzer.photo(photoScript());
        byte[][] burst = ScriptedFaceAnalyzer.burst(Challenges.followed(ticket), 3);
        assertThat(h.worker().multipart("/api/v1/enrollments", Api.enrolment(photo, data, burst)).status()).isEqualTo(202);

        String changed = data.replace("\"stepStartsMs\":[0,167,333]", "\"stepStartsMs\":[0,100,333]");
        assertThat(changed).isNotEqualTo(data);
        Api.Response conflict = h.worker().multipart("/api/v1/enrollments", Api.enrolment(photo, changed, burst));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("code").asText()).isEqualTo("SUBMISSION_CONFLICT");
    }

    @Test
    void aMalformedChallenge_is422NamingTheField() {
        ObjectNode ticket = Challenges.ticket(h.worker());
        String good = Challenges.challenge(ticket, 3);
        record Case(String challenge, int frames, String field) {}
        for (Case c : List.of(
                new Case(good.replace("\"LOOK_UP\"", "\"JUMP\"").replace("\"TURN_LEFT\"", "\"JUMP\""), 3,
                        "challenge.steps[0]"),
                new Case(good.replace("\"frameTimesMs\":[0,250,500]", "\"frameTimesMs\":[10,250,500]"), 3,
                        "challenge.frameTimesMs"),
                new Case(good.replace("\"frameTimesMs\":[0,250,500]", "\"frameTimesMs\":[0,250,250]"), 3,
                        "challenge.frameTimesMs[2]"),
                new Case(good.replace("\"frameTimesMs\":[0,250,500]", "\"frameTimesMs\":[0,250,50000]"), 3,
                        "challenge.frameTimesMs"),
                new Case(good, 4, "challenge.frameTimesMs"),
                new Case(good.replace("\"stepStartsMs\":[0,167,333]", "\"stepStartsMs\":[0,167,900]"), 3,
                        "challenge.stepStartsMs[2]"),
                new Case(good.replace("\"stepStartsMs\":[0,167,333]", "\"stepStartsMs\":[0,333,167]"), 3,
                        "challenge.stepStartsMs[2]"),
                new Case(good.replace("\"stepStartsMs\":[0,167,333]", "\"stepStartsMs\":[0,167]"), 3,
                        "challenge.stepStartsMs"),
                new Case(good.replaceFirst("\"challengeId\":\"[^\"]+\"", "\"challengeId\":\"x\""), 3,
                        "challenge.challengeId"),
                new Case(good.replaceFirst("\"signature\":\"[^\"]+\"", "\"signature\":\"not a signature\""), 3,
                        "challenge.signature"),
                new Case(good.replaceFirst("\"issuedAt\":\"[^\"]+\"", "\"issuedAt\":\"yesterday\""), 3,
                        "challenge.issuedAt"))) {
            String id = UUID.randomUUID().toString();
            Api.Response r = send(h.worker(), id, clock.instant().toString(), c.challenge(), Challenges.followed(ticket),
                    c.frames());
            assertThat(r.status()).as(c.field() + ": " + r).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("FIELD_INVALID");
            assertThat(r.json().get("field").asText()).as(c.challenge()).isEqualTo(c.field());
            assertThat(h.worker().get("/api/v1/enrollments/" + id).status()).isEqualTo(404);
        }
        String twoSteps = good.replace("\"LOOK_UP\",", "");
        Api.Response r = send(h.worker(), UUID.randomUUID().toString(), clock.instant().toString(), twoSteps,
                Challenges.followed(ticket), 3);
        assertThat(r.json().get("field").asText()).as(twoSteps).isEqualTo("challenge.steps");
    }
}
