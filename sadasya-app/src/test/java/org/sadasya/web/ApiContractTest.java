package org.sadasya.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sadasya.SadasyaApplication;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.Challenges;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ScriptedFaceAnalyzer;
import org.sadasya.testsupport.ServiceTestConfig;
import org.sadasya.testsupport.Submissions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The HTTP contract through a real server on H2: auth, hierarchy, workers, intake with its format
 * checks and idempotency, the asynchronous decision, review, problem+json and the operational
 * endpoints. The face engine is replaced by a scripted double; EnrollmentJourneyTest runs real photos.
 */
@SpringBootTest(classes = SadasyaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTestConfig.class)
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class ApiContractTest {

    static final String ADMIN_PASSWORD = "admin-test-password";
    static final AtomicInteger SEQ = new AtomicInteger();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        Path dir = Files.createTempDirectory("sadasya-api-test");
        r.add("sadasya.data-dir", dir::toString);
        r.add("sadasya.admin-password", () -> ADMIN_PASSWORD);
        r.add("sadasya.verifier.poll", () -> "50ms");
    }

    @LocalServerPort
    int port;

    Api anonymous;
    Api admin;
    long boothId;
    long workerId;
    Api worker;
    int n;

    @BeforeEach
    void hierarchyWithAWorker() {
        n = SEQ.incrementAndGet();
        anonymous = new Api(port);
        admin = anonymous.login("admin", ADMIN_PASSWORD);
        Hierarchy h = Hierarchy.create(anonymous, admin, n);
        boothId = h.boothId();
        workerId = h.workerId();
        worker = h.worker();
    }

    static long created(Api.Response r) {
        return Hierarchy.created(r);
    }

    String epic() {
        return "ABC%07d".formatted(n * 100 + SEQ.incrementAndGet() % 100);
    }

    /** An enrolment whose faces followed a fresh ticket (the app's normal path). */
    Api.Response enrol(String script, String submissionId, String epic) {
        return enrol(script, submissionId, epic, Challenges.ticket(worker));
    }

    Api.Response enrol(String script, String submissionId, String epic, JsonNode ticket) {
        return enrol(script, submissionId, epic, ticket, Challenges.followed(ticket));
    }

    /** @param burstScript what the faces did during the burst ({@link ScriptedFaceAnalyzer}) */
    Api.Response enrol(String script, String submissionId, String epic, JsonNode ticket, String burstScript) {
        String data = Submissions.data(submissionId, boothId, epic, "97%08d".formatted(n * 100 + SEQ.get() % 100),
                ticket.get("issuedAt").asText(), Challenges.challenge(ticket, 3));
        return worker.multipart("/api/v1/enrollments",
                Challenges.enrolment(ScriptedFaceAnalyzer.photo(script), burstScript, 3, data));
    }

    /** The decided enrolment as the admin sees it, with the evidence. */
    JsonNode decided(String submissionId) {
        return admin.await("/api/v1/enrollments/" + submissionId,
                j -> !List.of("RECEIVED", "PROCESSING").contains(j.get("status").asText()), Duration.ofSeconds(20)).json();
    }

    @Test
    void genuineEnrolment_isAcceptedAsynchronously_withAMemberId() {
        String id = UUID.randomUUID().toString();
        Api.Response r = enrol("W%d,M%d".formatted(n, n), id, epic());

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("submissionId").asText()).isEqualTo(id);
        assertThat(r.json().get("status").asText()).isEqualTo("RECEIVED");
        JsonNode done = decided(id);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("ACCEPTED");
        assertThat(done.get("memberId").asText()).matches("MP-\\d{7}");
        assertThat(done.get("reasons")).isNotEmpty();
        for (JsonNode reason : done.get("reasons")) {
            assertThat(reason.get("outcome").asText()).as(reason.toString()).isEqualTo("PASS");
            assertThat(reason.has("code")).isTrue();
            assertThat(reason.has("detail")).isTrue();
        }
    }

    @Test
    void resubmittingSameSubmissionId_returnsTheFirstAnswer_andConflictingContentIs409() {
        String id = UUID.randomUUID().toString();
        String epic = epic();
        JsonNode ticket = Challenges.ticket(worker);
        Api.Response first = enrol("W%d,M%d".formatted(n, n), id, epic, ticket);
        decided(id);
        Api.Response again = enrol("W%d,M%d".formatted(n, n), id, epic, ticket);

        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.body()).isEqualTo(first.body());

        Api.Response conflict = enrol("W%d,M%d".formatted(n, n), id, epic(), ticket);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.json().get("code").asText()).isEqualTo("SUBMISSION_CONFLICT");
    }

    @Test
    void malformedEpic_is422FieldInvalidNamingTheField_andNothingIsStored() {
        String id = UUID.randomUUID().toString();
        Api.Response r = enrol("W%d,M%d".formatted(n, n), id, "AB12345");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("FIELD_INVALID");
        assertThat(r.json().get("field").asText()).isEqualTo("member.epic");
        assertThat(worker.get("/api/v1/enrollments/" + id).status()).isEqualTo(404);
    }

    @Test
    void otherFormatChecks_nameTheirFields() {
        String ok = Submissions.data(UUID.randomUUID().toString(), boothId, epic(), "9812345678");
        record Case(String data, String field) {}
        for (Case c : List.of(
                new Case(ok.replace("\"age\": 34", "\"age\": 16"), "member.age"),
                new Case(ok.replace("\"consent\": true", "\"consent\": false"), "consent"),
                new Case(ok.replace("\"mobile\": \"9812345678\"", "\"mobile\": \"12345\""), "member.mobile"),
                new Case(ok.replace("\"latitude\": 23.26", "\"latitude\": 123.26"), "latitude"),
                new Case(ok.replaceFirst("\"submissionId\": \"[^\"]+\"", "\"submissionId\": \"not-a-uuid\""), "submissionId"),
                new Case(ok.replace("\"age\": 34", "\"age\": \"old\""), "member.age"))) {
            Api.Response r = worker.multipart("/api/v1/enrollments",
                    Api.enrolment(ScriptedFaceAnalyzer.photo("W1,M1"), c.data()));
            assertThat(r.status()).as(c.field() + ": " + r).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("FIELD_INVALID");
            assertThat(r.json().get("field").asText()).isEqualTo(c.field());
        }
        Api.Response noPhoto = worker.multipart("/api/v1/enrollments", List.of(Api.Part.json("data", ok)));
        assertThat(noPhoto.status()).isEqualTo(422);
        assertThat(noPhoto.json().get("field").asText()).isEqualTo("photo");
        Api.Response notAnImage = worker.multipart("/api/v1/enrollments",
                Api.enrolment("hello".getBytes(), ok));
        assertThat(notAnImage.status()).isEqualTo(422);
        assertThat(notAnImage.json().get("code").asText()).isEqualTo("IMAGE_UNREADABLE");
        byte[] photo = ScriptedFaceAnalyzer.photo("W1,M1");
        Api.Response cutOff = worker.multipart("/api/v1/enrollments",
                Api.enrolment(java.util.Arrays.copyOf(photo, photo.length - 40), ok));
        assertThat(cutOff.status()).as("a JPEG cut off in transfer is refused at intake").isEqualTo(422);
        assertThat(cutOff.json().get("code").asText()).isEqualTo("IMAGE_UNREADABLE");
        assertThat(cutOff.json().get("field").asText()).isEqualTo("photo");
    }

    @Test
    void photoWithoutTheWorker_isRejectedForWorkerMatch() {
        String id = UUID.randomUUID().toString();
        enrol("W%d,M%d".formatted(n + 1000, n), id, epic());

        JsonNode done = decided(id);
        assertThat(done.get("status").asText()).isEqualTo("REJECTED");
        assertThat(reason(done, "WORKER_MATCH").get("outcome").asText()).isEqualTo("REJECT");
        assertThat(done.get("memberId").isNull() || !done.has("memberId")).isTrue();
    }

    @Test
    void sameMemberTwice_isADuplicateFace_andTheSameEpicIsDetails() {
        String first = UUID.randomUUID().toString();
        String epic = epic();
        enrol("W%d,M%d".formatted(n, n), first, epic);
        String memberId = decided(first).get("memberId").asText();

        String again = UUID.randomUUID().toString();
        enrol("W%d,M%d".formatted(n, n), again, epic());
        JsonNode dup = decided(again);
        assertThat(dup.get("status").asText()).isEqualTo("REJECTED");
        assertThat(reason(dup, "DUPLICATE_FACE").get("evidence").get("matchedMemberId").asText()).isEqualTo(memberId);

        String sameEpic = UUID.randomUUID().toString();
        enrol("W%d,M%d".formatted(n, n + 500), sameEpic, epic);
        JsonNode details = decided(sameEpic);
        assertThat(details.get("status").asText()).isEqualTo("REJECTED");
        assertThat(reason(details, "DETAILS").get("outcome").asText()).isEqualTo("REJECT");
    }

    @Test
    void doubtfulLiveness_goesToReview_andAReviewerInScopeResolvesIt() {
        String id = UUID.randomUUID().toString();
        enrol("W%d,M%d?".formatted(n, n), id, epic(), Challenges.ticket(worker), "UNUSABLE");
        assertThat(decided(id).get("status").asText()).isEqualTo("REVIEW");

        created(admin.post("/api/v1/users", ("{\"username\": \"rev%d\", \"password\": \"review-pw\", \"name\": \"R\","
                + " \"role\": \"REVIEWER\", \"orgUnitId\": %d}").formatted(n, boothId)));
        Api reviewer = anonymous.login("rev" + n, "review-pw");
        Api.Response queue = reviewer.get("/api/v1/reviews");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.json().findValuesAsText("submissionId")).contains(id);
        assertThat(worker.get("/api/v1/reviews").status()).as("workers do not review").isEqualTo(403);

        Api.Response resolved = reviewer.post("/api/v1/reviews/" + id,
                "{\"decision\": \"ACCEPT\", \"note\": \"checked the member in person\"}");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(resolved.json().get("memberId").asText()).matches("MP-\\d{7}");

        JsonNode audit = admin.get("/api/v1/audit?entityType=enrollment&entityId=" + id).json();
        assertThat(audit.findValuesAsText("action"))
                .containsExactly("ENROLLMENT_RECEIVED", "ENROLLMENT_DECIDED", "ENROLLMENT_REVIEWED");
    }

    @Test
    void aWorkerSeesReasonsInWords_withoutScoresOrOtherMembers_aReviewerSeesTheEvidence() {
        String first = UUID.randomUUID().toString();
        enrol("W%d,M%d".formatted(n, n), first, epic());
        String memberId = decided(first).get("memberId").asText();
        String again = UUID.randomUUID().toString();
        enrol("W%d,M%d".formatted(n, n), again, epic());
        decided(again);

        Api.Response seen = worker.inLanguage("en").get("/api/v1/enrollments/" + again);
        assertThat(seen.status()).isEqualTo(200);
        JsonNode dup = reason(seen.json(), "DUPLICATE_FACE");
        assertThat(dup.get("outcome").asText()).isEqualTo("REJECT");
        assertThat(dup.get("detail").asText()).isEqualTo("This person is already enrolled as a member.");
        assertThat(dup.get("evidence")).isEmpty();
        assertThat(seen.body()).doesNotContain(memberId).doesNotContain("similarity").doesNotContain("threshold");
        assertThat(worker.inLanguage("hi").get("/api/v1/enrollments/" + again).json().toString())
                .contains("पहले से");

        assertThat(reason(decided(again), "DUPLICATE_FACE").get("evidence").get("matchedMemberId").asText())
                .isEqualTo(memberId);
    }

    @Test
    void authentication_andScope_areEnforcedWithProblemJson() {
        Api.Response noToken = anonymous.get("/api/v1/enrollments/" + UUID.randomUUID());
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.contentType()).startsWith("application/problem+json");
        assertThat(noToken.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");

        Api.Response badLogin = anonymous.post("/api/v1/auth/token", "{\"username\": \"admin\", \"password\": \"wrong\"}");
        assertThat(badLogin.status()).isEqualTo(401);
        assertThat(badLogin.json().get("code").asText()).isEqualTo("BAD_CREDENTIALS");

        assertThat(worker.post("/api/v1/org-units", "{\"parentId\": null, \"level\": \"STATE\", \"code\": \"X\","
                + " \"name\": \"X\"}").json().get("code").asText()).isEqualTo("FORBIDDEN");

        long otherState = created(admin.post("/api/v1/org-units",
                "{\"parentId\": null, \"level\": \"STATE\", \"code\": \"O%d\", \"name\": \"Other\"}".formatted(n)));
        long otherBooth = created(admin.post("/api/v1/org-units", ("{\"parentId\": %d, \"level\": \"BOOTH\","
                + " \"code\": \"O%d-B\", \"name\": \"B\", \"latitude\": 20, \"longitude\": 78, \"radiusMeters\": 100}")
                .formatted(otherState, n)));
        Api.Response outOfScope = worker.multipart("/api/v1/enrollments", Api.enrolment(ScriptedFaceAnalyzer.photo("W1,M1"),
                Submissions.data(UUID.randomUUID().toString(), otherBooth, epic(), "9812345678")));
        assertThat(outOfScope.status()).isEqualTo(403);
        assertThat(outOfScope.json().get("code").asText()).isEqualTo("BOOTH_OUT_OF_SCOPE");
    }

    @Test
    void referenceFace_mustShowExactlyOneLiveFace() {
        Api.Response two = admin.multipart("/api/v1/workers/" + workerId + "/reference-face",
                List.of(Api.Part.file("photo", "ref.jpg", ScriptedFaceAnalyzer.photo("W1,M1"))));
        assertThat(two.status()).isEqualTo(422);
        assertThat(two.json().get("code").asText()).isEqualTo("FACE_COUNT");

        Api.Response spoof = admin.multipart("/api/v1/workers/" + workerId + "/reference-face",
                List.of(Api.Part.file("photo", "ref.jpg", ScriptedFaceAnalyzer.photo("W1!"))));
        assertThat(spoof.status()).isEqualTo(422);
        assertThat(spoof.json().get("code").asText()).isEqualTo("LIVENESS");
    }

    @Test
    void problemDetails_speakHindi_whenAskedTo() {
        Api.Response r = worker.inLanguage("hi").multipart("/api/v1/enrollments",
                Api.enrolment(ScriptedFaceAnalyzer.photo("W1,M1"),
                        Submissions.data(UUID.randomUUID().toString(), boothId, "AB1", "9812345678")));
        assertThat(r.json().get("code").asText()).isEqualTo("FIELD_INVALID");
        assertThat(r.json().get("detail").asText()).contains("EPIC").contains("अंक");
    }

    @Test
    void operationalEndpoints_answer() {
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        Api.Response prometheus = anonymous.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("sadasya_enrollments_received_total");
        Api.Response openapi = anonymous.get("/v3/api-docs");
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().get("paths").has("/api/v1/enrollments")).isTrue();
        assertThat(openapi.json().get("paths").has("/api/v1/challenges")).isTrue();
    }

    static JsonNode reason(JsonNode enrolment, String code) {
        for (JsonNode r : enrolment.get("reasons")) {
            if (r.get("code").asText().equals(code)) {
                return r;
            }
        }
        throw new AssertionError("no " + code + " in " + enrolment);
    }
}
