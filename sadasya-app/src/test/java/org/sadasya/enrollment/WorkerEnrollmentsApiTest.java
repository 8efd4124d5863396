package org.sadasya.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ScriptedFaceAnalyzer;
import org.sadasya.testsupport.Submissions;

/** {@code GET /api/v1/enrollments?mine=true}: the worker's home screen, without anything that teaches an attacker. */
class WorkerEnrollmentsApiTest extends AppServerTest {

    static String enrol(Hierarchy h, String script, int k) {
        String id = UUID.randomUUID().toString();
        Api.Response r = h.worker().multipart("/api/v1/enrollments", Api.enrolment(ScriptedFaceAnalyzer.photo(script),
                Submissions.data(id, h.boothId(), "EPC%04d%03d".formatted(h.n(), k), "96%04d%04d".formatted(h.n(), k))));
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return id;
    }

    static void awaitDecided(Api worker, String id) {
        worker.await("/api/v1/enrollments/" + id,
                j -> !List.of("RECEIVED", "PROCESSING").contains(j.get("status").asText()), Duration.ofSeconds(20));
    }

    @Test
    void theWorkersOwnEnrolments_newestFirst_withStatusReasonCodesAndOutcomesOnly() {
        Hierarchy h = hierarchy();
        Hierarchy other = hierarchy();
        // two live faces but no challenge ticket: LIVENESS is REVIEW at best (require-challenge)
        String inReview = enrol(h, "W%d,M%d".formatted(h.n(), h.n()), 1);
        String rejected = enrol(h, "W%d".formatted(h.n()), 2);
        String someoneElses = enrol(other, "W%d,M%d".formatted(other.n(), other.n() + 50), 1);
        awaitDecided(h.worker(), inReview);
        awaitDecided(h.worker(), rejected);
        awaitDecided(other.worker(), someoneElses);

        Api.Response r = h.worker().get("/api/v1/enrollments?mine=true");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode page = r.json();
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("submissionId").asText()));
        assertThat(ids).containsExactly(rejected, inReview);
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("status").asText()).isEqualTo("REJECTED");
        assertThat(first.get("memberName").asText()).isEqualTo("Sunita Devi");
        assertThat(first.get("reasons")).anySatisfy(reason -> {
            assertThat(reason.get("code").asText()).isEqualTo("FACE_COUNT");
            assertThat(reason.get("outcome").asText()).isEqualTo("REJECT");
        });
        for (JsonNode item : page.get("items")) {
            for (JsonNode reason : item.get("reasons")) {
                assertThat(Set.copyOf(iterable(reason.fieldNames()))).containsExactlyInAnyOrder("code", "outcome");
            }
        }
        JsonNode second = page.get("items").get(1);
        assertThat(second.get("status").asText()).isEqualTo("REVIEW");
        assertThat(second.get("reasons")).anySatisfy(reason -> {
            assertThat(reason.get("code").asText()).isEqualTo("LIVENESS");
            assertThat(reason.get("outcome").asText()).isEqualTo("REVIEW");
        });
        assertThat(r.body()).doesNotContain("similarity", "threshold", "spoofScore", "evidence", "matched", someoneElses);
        assertThat(page.get("counts").get("today").asLong()).isEqualTo(2);
        assertThat(page.get("counts").get("week").asLong()).isEqualTo(2);
        assertThat(page.get("before").isNull()).isTrue();
    }

    @Test
    void paging_withLimitAndBefore_reachesEveryEnrolmentOnce() {
        Hierarchy h = hierarchy();
        List<String> sent = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            sent.add(0, enrol(h, "W%d".formatted(h.n()), k));
        }
        JsonNode first = h.worker().get("/api/v1/enrollments?mine=true&limit=2").json();
        JsonNode second = h.worker().get("/api/v1/enrollments?mine=true&limit=2&before=" + first.get("before").asText()).json();

        List<String> seen = new ArrayList<>();
        first.get("items").forEach(i -> seen.add(i.get("submissionId").asText()));
        second.get("items").forEach(i -> seen.add(i.get("submissionId").asText()));
        assertThat(seen).containsExactlyElementsOf(sent);
        assertThat(second.get("before").isNull()).isTrue();
    }

    @Test
    void badQueries_areFieldInvalid_andOnlyWorkersHaveAList() {
        Hierarchy h = hierarchy();
        for (String query : List.of("", "?mine=false", "?mine=true&limit=0", "?mine=true&limit=101",
                "?mine=true&before=abc")) {
            Api.Response r = h.worker().get("/api/v1/enrollments" + query);
            assertThat(r.status()).as(query + " → " + r).isEqualTo(422);
            assertThat(r.json().get("code").asText()).isEqualTo("FIELD_INVALID");
        }
        assertThat(h.worker().get("/api/v1/enrollments?mine=true&limit=abc").json().get("field").asText())
                .isEqualTo("limit");
        assertThat(admin.get("/api/v1/enrollments?mine=true").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/v1/enrollments?mine=true").status()).isEqualTo(401);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
