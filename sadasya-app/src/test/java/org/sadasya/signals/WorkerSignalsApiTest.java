package org.sadasya.signals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;

/**
 * {@code GET /api/v1/workers/signals} over HTTP, on enrolments sent and verified through the API:
 * the worker at home is flagged SAME_SPOT with the enrolments behind it, the door-to-door worker
 * is not; a reviewer sees only their scope (another unit is not found), a worker nothing.
 */
class WorkerSignalsApiTest extends AppServerTest {

    static JsonNode item(JsonNode list, long workerId) {
        for (JsonNode w : list) {
            if (w.get("workerId").asLong() == workerId) {
                return w;
            }
        }
        return null;
    }

    static int flagged(JsonNode worker) {
        int sum = 0;
        for (JsonNode s : worker.get("signals")) {
            sum += s.get("evidence").get("count").asInt();
        }
        return sum;
    }

    static List<String> codes(JsonNode worker) {
        return worker.get("signals").findValuesAsText("code");
    }

    static JsonNode signal(JsonNode worker, String code) {
        for (JsonNode s : worker.get("signals")) {
            if (s.get("code").asText().equals(code)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void aReviewer_seesTheWorkerAtHomeFlaggedSameSpot_andTheDoorToDoorWorkerNot_inTheirScopeOnly() {
        Hierarchy home = hierarchy();
        Hierarchy walker = anotherWorker(home, "Walker");
        Hierarchy elsewhere = hierarchy();
        List<String> atHome = SignalSeeds.atHome(admin, home);
        List<String> walked = new ArrayList<>(SignalSeeds.doorToDoor(admin, walker));
        List<String> samePhoto = SignalSeeds.samePhotoTwice(admin, walker);
        walked.addAll(samePhoto);
        String otherDistrict = ReviewSeeds.inReview(admin, elsewhere).submissionId();
        Api reviewer = ReviewSeeds.reviewer(anonymous, admin, home);

        Api.Response r = reviewer.get("/api/v1/workers/signals");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode list = r.json();
        assertThat(list.findValuesAsText("workerId")).containsExactlyInAnyOrder(
                Long.toString(home.workerId()), Long.toString(walker.workerId()));
        JsonNode h = item(list, home.workerId());
        JsonNode w = item(list, walker.workerId());
        assertThat(codes(h)).contains("SAME_SPOT");
        assertThat(codes(w)).doesNotContain("SAME_SPOT");
        // sent without a challenge, every enrolment's LIVENESS is REVIEW: read back from the stored results
        assertThat(codes(h)).contains("LIVENESS_FAILURE");
        assertThat(signal(w, "LIVENESS_FAILURE").get("evidence").get("count").asInt()).isEqualTo(walked.size());
        assertThat(signal(w, "LIVENESS_FAILURE").get("evidence").get("ratePercent").asInt()).isEqualTo(100);
        // the photo sent again is IMAGE_REUSE, read back from the stored results
        assertThat(signal(w, "IMAGE_REUSE").get("evidence").get("submissionIds").toString())
                .contains(samePhoto.get(1)).doesNotContain(samePhoto.get(0));
        assertThat(h.get("enrolments").asInt()).isEqualTo(SignalSeeds.AT_HOME);
        assertThat(w.get("enrolments").asInt()).isEqualTo(walked.size());
        assertThat(h.get("name").asText()).isEqualTo("Worker");
        assertThat(w.get("name").asText()).isEqualTo("Walker");
        assertThat(h.get("unitName").asText()).isEqualTo("Booth 1");

        JsonNode spot = signal(h, "SAME_SPOT").get("evidence");
        assertThat(spot.get("count").asInt()).isEqualTo(SignalSeeds.AT_HOME);
        assertThat(spot.get("visits").asInt()).isEqualTo(4);
        assertThat(spot.get("days").asInt()).isEqualTo(4);
        List<String> behind = new ArrayList<>();
        spot.get("submissionIds").forEach(n -> behind.add(n.asText()));
        assertThat(behind).containsExactlyInAnyOrderElementsOf(atHome);
        assertThat(h.get("cases").findValuesAsText("submissionId")).containsAll(atHome);
        assertThat(h.get("cases").get(0).get("status").asText()).isIn("ACCEPTED", "REJECTED", "REVIEW");
        // ranked (list order is the ranking): more kinds of signal first, then more enrolments behind
        // them, then more enrolments, then the lower id
        Comparator<JsonNode> ranking = Comparator.comparingInt((JsonNode n) -> n.get("signals").size()).reversed()
                .thenComparing(Comparator.comparingInt(WorkerSignalsApiTest::flagged).reversed())
                .thenComparing(Comparator.comparingInt((JsonNode n) -> n.get("enrolments").asInt()).reversed())
                .thenComparingLong(n -> n.get("workerId").asLong());
        long first = ranking.compare(h, w) < 0 ? home.workerId() : walker.workerId();
        assertThat(list.get(0).get("workerId").asLong()).isEqualTo(first);

        // the same through an explicit unit, and for an admin
        assertThat(reviewer.get("/api/v1/workers/signals?orgUnitId=" + home.boothId()).json()).isEqualTo(list);
        JsonNode byAdmin = admin.get("/api/v1/workers/signals?orgUnitId=" + home.boothId()).json();
        assertThat(byAdmin.findValuesAsText("workerId")).containsExactlyInAnyOrder(
                Long.toString(home.workerId()), Long.toString(walker.workerId()));
        assertThat(admin.get("/api/v1/workers/signals").json().findValuesAsText("workerId"))
                .contains(Long.toString(elsewhere.workerId()));
        assertThat(list.toString()).doesNotContain(otherDistrict);

        Api.Response outside = reviewer.get("/api/v1/workers/signals?orgUnitId=" + elsewhere.boothId());
        assertThat(outside.status()).as("another district's unit, as if it did not exist").isEqualTo(404);
        assertThat(outside.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(reviewer.get("/api/v1/workers/signals?orgUnitId=999999999").status()).isEqualTo(404);
        assertThat(home.worker().get("/api/v1/workers/signals").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/v1/workers/signals").status()).isEqualTo(401);
    }
}
