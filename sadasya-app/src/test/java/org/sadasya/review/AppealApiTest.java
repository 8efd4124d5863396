package org.sadasya.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;

/**
 * Appeals (issue 13, item 2) through the API: a rejected enrolment re-opened by a reviewer in scope
 * with a reason, back in the queue as an appeal, decided again; the history lists every decision;
 * and the queue's server-side filters.
 */
class AppealApiTest extends AppServerTest {

    static List<String> ids(Api.Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().findValuesAsText("submissionId");
    }

    @Test
    void aRejectedEnrolment_isReopenedOnAppeal_decidedAgain_andTheHistoryShowsEveryDecision() {
        Hierarchy here = hierarchy();
        String id = ReviewSeeds.inReview(admin, here).submissionId();
        Api reviewer = ReviewSeeds.reviewer(anonymous, admin, here);
        Api otherDistrict = ReviewSeeds.reviewer(anonymous, admin, hierarchy());
        String appeal = "/api/v1/reviews/" + id + "/appeal";

        Api.Response early = reviewer.post(appeal, "{\"reason\": \"the member asked\"}");
        assertThat(early.status()).as("not rejected yet").isEqualTo(409);
        assertThat(early.json().get("code").asText()).isEqualTo("NOT_REJECTED");
        assertThat(reviewer.post("/api/v1/reviews/" + id, "{\"decision\": \"REJECT\", \"note\": \"face unclear\"}").status())
                .isEqualTo(200);
        assertThat(ids(reviewer.get("/api/v1/reviews"))).doesNotContain(id);
        assertThat(ids(reviewer.get("/api/v1/reviews?status=REJECTED"))).contains(id);

        assertThat(reviewer.post(appeal, "{\"reason\": \"  \"}").status()).as("a reason is required").isEqualTo(422);
        assertThat(otherDistrict.post(appeal, "{\"reason\": \"x\"}").status()).as("out of scope").isEqualTo(404);
        assertThat(here.worker().post(appeal, "{\"reason\": \"x\"}").status()).isEqualTo(403);
        Api.Response reopened = reviewer.post(appeal, "{\"reason\": \"the member came to the office with a clear photo\"}");
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        assertThat(reopened.json().get("status").asText()).isEqualTo("REVIEW");

        JsonNode listed = reviewer.get("/api/v1/reviews?submissionId=" + id).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("appeal").asBoolean()).isTrue();
        assertThat(listed.get(0).get("workerId").asLong()).isEqualTo(here.workerId());
        JsonNode opened = reviewer.get("/api/v1/reviews/" + id).json();
        assertThat(opened.get("appeal").asBoolean()).isTrue();
        assertThat(opened.get("enrollment").get("reasons").findValuesAsText("code"))
                .as("the earlier reviewer decision left the reasons for the history").doesNotContain("REVIEWER_DECISION");
        Api.Response twice = reviewer.post(appeal, "{\"reason\": \"again\"}");
        assertThat(twice.json().get("code").asText()).isEqualTo("NOT_REJECTED");

        Api.Response accepted = reviewer.post("/api/v1/reviews/" + id, "{\"decision\": \"ACCEPT\", \"note\": \"clear now\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("memberId").asText()).isNotBlank();
        JsonNode history = reviewer.get("/api/v1/reviews/" + id).json().get("history");
        assertThat(history.findValuesAsText("event")).containsExactly("VERDICT", "REJECT", "APPEAL", "ACCEPT");
        assertThat(history.get(0).get("outcome").asText()).isEqualTo("REVIEW");
        assertThat(history.get(0).get("actor").asText()).isEqualTo("system:verifier");
        assertThat(history.get(0).get("comment").asText()).contains("LIVENESS:REVIEW");
        assertThat(history.get(1).get("comment").asText()).isEqualTo("face unclear");
        assertThat(history.get(2).get("comment").asText()).isEqualTo("the member came to the office with a clear photo");
        assertThat(history.get(3).get("actor").asText()).isEqualTo("reviewer" + here.n());
        assertThat(history.findValuesAsText("at")).allSatisfy(at -> assertThat(at).isNotBlank());
        JsonNode audit = admin.get("/api/v1/audit?entityType=enrollment&entityId=" + id).json();
        assertThat(audit.findValuesAsText("action")).contains("ENROLLMENT_APPEALED");
    }

    @Test
    void theQueue_isNarrowedByUnitWorkerReasonDateAndId_onTheServer() {
        Hierarchy here = hierarchy();
        String doubt = ReviewSeeds.inReview(admin, here).submissionId();
        String outside = ReviewSeeds.outsideTheBooth(admin, here).submissionId();
        Hierarchy other = hierarchy();
        ReviewSeeds.inReview(admin, other);
        Api.Response all = admin.get("/api/v1/reviews?limit=200&orgUnitId=" + here.boothId());
        assertThat(ids(all)).containsExactly(doubt, outside);

        assertThat(ids(admin.get("/api/v1/reviews?limit=200&workerId=" + here.workerId()))).containsExactly(doubt, outside);
        assertThat(ids(admin.get("/api/v1/reviews?limit=200&orgUnitId=" + here.boothId() + "&reason=FIELD_PRESENCE")))
                .containsExactly(outside);
        assertThat(ids(admin.get("/api/v1/reviews?limit=200&orgUnitId=" + here.boothId() + "&reason=LIVENESS")))
                .containsExactly(doubt);
        String today = LocalDate.now(ZoneId.of("Asia/Kolkata")).toString();
        String yesterday = LocalDate.now(ZoneId.of("Asia/Kolkata")).minusDays(1).toString();
        assertThat(ids(admin.get("/api/v1/reviews?workerId=%d&from=%s&to=%s".formatted(here.workerId(), today, today))))
                .containsExactly(doubt, outside);
        assertThat(ids(admin.get("/api/v1/reviews?workerId=%d&to=%s".formatted(here.workerId(), yesterday)))).isEmpty();
        assertThat(ids(admin.get("/api/v1/reviews?submissionId=" + outside.toUpperCase()))).containsExactly(outside);

        Api reviewer = ReviewSeeds.reviewer(anonymous, admin, here);
        assertThat(reviewer.get("/api/v1/reviews?orgUnitId=" + other.boothId()).status()).as("another district").isEqualTo(404);
        assertThat(reviewer.get("/api/v1/reviews?reason=NOT_A_RULE").status()).isEqualTo(422);
        assertThat(reviewer.get("/api/v1/reviews?status=RECEIVED").status()).isEqualTo(422);
    }
}
