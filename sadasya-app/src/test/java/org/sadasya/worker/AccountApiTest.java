package org.sadasya.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;
import org.sadasya.testsupport.ScriptedFaceAnalyzer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Running the drive's accounts over the API: who lists whom, a password reset that ends the old
 * sessions, a deactivation after which the worker can neither log in nor send (and is told why only
 * with the right password), reactivation, and the audit trail of each.
 */
class AccountApiTest extends AppServerTest {

    @Autowired
    JdbcClient jdbc;

    long district(Hierarchy h) {
        return jdbc.sql("SELECT parent_id FROM org_unit WHERE id = ?").params(h.boothId()).query(Long.class).single();
    }

    Api reviewerOfDistrict(Hierarchy h, String username) {
        Hierarchy.created(admin.post("/api/v1/users", ("{\"username\": \"%s\", \"password\": \"review-pw-1\", \"name\": \"R\","
                + " \"role\": \"REVIEWER\", \"orgUnitId\": %d}").formatted(username, district(h))));
        return anonymous.login(username, "review-pw-1");
    }

    static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asLong()));
        return out;
    }

    List<String> auditActions(long userId) {
        return jdbc.sql("SELECT action FROM audit_log WHERE entity_type = 'user' AND entity_id = ? ORDER BY id")
                .params(String.valueOf(userId)).query(String.class).list();
    }

    @Test
    void aReviewer_listsTheAccountsOfItsDistrictOnly() {
        Hierarchy a = hierarchy();
        Hierarchy b = hierarchy();
        Api reviewerX = reviewerOfDistrict(a, "acct-rx-" + a.n());
        JsonNode mine = reviewerX.get("/api/v1/users").json();
        assertThat(ids(mine)).contains(a.workerId()).doesNotContain(b.workerId());
        JsonNode worker = java.util.stream.StreamSupport.stream(mine.spliterator(), false)
                .filter(n -> n.get("id").asLong() == a.workerId()).findFirst().orElseThrow();
        assertThat(worker.get("role").asText()).isEqualTo("WORKER");
        assertThat(worker.get("unitCode").asText()).isEqualTo("S%d-B1".formatted(a.n()));
        assertThat(worker.get("referenceFaces").asInt()).isEqualTo(1);
        assertThat(worker.get("active").asBoolean()).isTrue();
        assertThat(worker.has("passwordHash")).isFalse();

        assertThat(ids(reviewerX.get("/api/v1/users?role=REVIEWER").json())).doesNotContain(a.workerId());
        assertThat(ids(admin.get("/api/v1/users?role=WORKER&limit=500&orgUnitId=" + district(b)).json()))
                .containsExactly(b.workerId());
        assertThat(reviewerX.get("/api/v1/users?orgUnitId=" + district(b)).status()).isEqualTo(404);
        assertThat(reviewerX.get("/api/v1/users?role=KING").status()).isEqualTo(422);
        assertThat(a.worker().get("/api/v1/users").status()).isEqualTo(403);
    }

    @Test
    void aPasswordReset_endsTheOldSessions_andOnlyTheNewPasswordWorks() {
        Hierarchy a = hierarchy();
        Api reviewer = reviewerOfDistrict(a, "acct-pw-" + a.n());
        Api before = anonymous.login(workerMobile(a), "worker-pw-1");
        assertThat(before.get("/api/v1/me").status()).isEqualTo(200);

        Api.Response reset = reviewer.post("/api/v1/users/" + a.workerId() + "/password", "{\"password\": \"fresh-pw-77\"}");
        assertThat(reset.status()).as(reset.toString()).isEqualTo(204);

        assertThat(before.get("/api/v1/me").status()).as("the session from before the reset").isEqualTo(401);
        assertThat(a.worker().get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/token",
                "{\"username\": \"%s\", \"password\": \"worker-pw-1\"}".formatted(workerMobile(a))).status()).isEqualTo(401);
        assertThat(anonymous.login(workerMobile(a), "fresh-pw-77").get("/api/v1/me").status()).isEqualTo(200);
        assertThat(auditActions(a.workerId())).contains("PASSWORD_RESET");

        Api.Response tooShort = reviewer.post("/api/v1/users/" + a.workerId() + "/password", "{\"password\": \"abc\"}");
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.json().get("field").asText()).isEqualTo("password");
        String longHindi = "क".repeat(25); // 75 UTF-8 bytes: more than BCrypt reads
        assertThat(reviewer.post("/api/v1/users/" + a.workerId() + "/password",
                "{\"password\": \"%s\"}".formatted(longHindi)).status()).isEqualTo(422);
    }

    @Test
    void reviewers_manageTheWorkersOfTheirScope_andNobodyElse() {
        Hierarchy a = hierarchy();
        Hierarchy b = hierarchy();
        Api reviewerX = reviewerOfDistrict(a, "acct-scope-x-" + a.n());
        Api reviewerY = reviewerOfDistrict(b, "acct-scope-y-" + b.n());
        String body = "{\"password\": \"other-pw-99\"}";
        assertThat(reviewerY.post("/api/v1/users/" + a.workerId() + "/password", body).status())
                .as("a worker of another district does not exist for this reviewer").isEqualTo(404);
        assertThat(reviewerY.post("/api/v1/users/" + a.workerId() + "/active", "{\"active\": false}").status()).isEqualTo(404);
        long adminId = admin.get("/api/v1/me").json().get("userId").asLong();
        assertThat(reviewerX.post("/api/v1/users/" + adminId + "/password", body).status()).isEqualTo(404);
        // a reviewer of a booth below the district reviewer: in scope, but an admin's to manage
        Api boothReviewer = ReviewSeeds.reviewer(anonymous, admin, a);
        long boothReviewerId = boothReviewer.get("/api/v1/me").json().get("userId").asLong();
        assertThat(reviewerX.post("/api/v1/users/" + boothReviewerId + "/active", "{\"active\": false}").status()).isEqualTo(403);
        assertThat(reviewerX.post("/api/v1/users/999999999/password", body).status()).isEqualTo(404);
        assertThat(a.worker().post("/api/v1/users/" + a.workerId() + "/password", body).status()).isEqualTo(403);
        assertThat(anonymous.login(workerMobile(a), "worker-pw-1").get("/api/v1/me").status())
                .as("nothing above changed the password").isEqualTo(200);

        assertThat(admin.post("/api/v1/users/" + adminId + "/active", "{\"active\": false}").json().get("code").asText())
                .isEqualTo("CANNOT_DEACTIVATE_SELF");
        assertThat(admin.get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void aDeactivatedWorker_canNeitherLogInNorSend_untilReactivated() {
        Hierarchy a = hierarchy();
        Api reviewer = reviewerOfDistrict(a, "acct-off-" + a.n());
        Api.Response off = reviewer.post("/api/v1/users/" + a.workerId() + "/active",
                "{\"active\": false, \"reason\": \"enrolled from home\"}");
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().get("active").asBoolean()).isFalse();

        assertThat(a.worker().get("/api/v1/me").status()).isEqualTo(401);
        Api.Response send = a.worker().multipart("/api/v1/enrollments",
                Api.enrolment(ScriptedFaceAnalyzer.photo("W" + a.n() + "+M1"), "{}"));
        assertThat(send.status()).as("sending with the old token").isEqualTo(401);
        Api.Response rightPassword = anonymous.post("/api/v1/auth/token",
                "{\"username\": \"%s\", \"password\": \"worker-pw-1\"}".formatted(workerMobile(a)));
        assertThat(rightPassword.status()).isEqualTo(403);
        assertThat(rightPassword.json().get("code").asText()).isEqualTo("ACCOUNT_INACTIVE");
        Api.Response wrongPassword = anonymous.post("/api/v1/auth/token",
                "{\"username\": \"%s\", \"password\": \"guess-pw-1\"}".formatted(workerMobile(a)));
        assertThat(wrongPassword.status()).as("a guesser learns nothing about the account").isEqualTo(401);
        assertThat(ids(reviewer.get("/api/v1/users").json())).contains(a.workerId());

        Api.Response on = reviewer.post("/api/v1/users/" + a.workerId() + "/active", "{\"active\": true}");
        assertThat(on.json().get("active").asBoolean()).isTrue();
        assertThat(anonymous.login(workerMobile(a), "worker-pw-1").get("/api/v1/me").status()).isEqualTo(200);
        assertThat(auditActions(a.workerId())).containsSubsequence("USER_DEACTIVATED", "USER_REACTIVATED");
        String reason = jdbc.sql("SELECT detail FROM audit_log WHERE action = 'USER_DEACTIVATED' AND entity_id = ?")
                .params(String.valueOf(a.workerId())).query(String.class).single();
        assertThat(reason).contains("enrolled from home");
    }

    @Test
    void aWorker_canBeCreatedByItsUnitCode() {
        Hierarchy a = hierarchy();
        Api reviewer = reviewerOfDistrict(a, "acct-code-" + a.n());
        Api.Response created = reviewer.post("/api/v1/workers", ("{\"name\": \"Ramesh\", \"mobile\": \"97%08d\","
                + " \"password\": \"worker-pw-3\", \"orgUnitCode\": \"S%d-B1\"}").formatted(a.n(), a.n()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("orgUnitId").asLong()).isEqualTo(a.boothId());
        Api.Response unknown = reviewer.post("/api/v1/workers", ("{\"name\": \"Ramesh\", \"mobile\": \"96%08d\","
                + " \"password\": \"worker-pw-3\", \"orgUnitCode\": \"NO-SUCH-UNIT\"}").formatted(a.n()));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("field").asText()).isEqualTo("orgUnitCode");
    }
}
