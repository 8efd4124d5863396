package org.sadasya.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;

/** {@code GET /api/v1/me}: what the worker's app needs to know about the person logged in. */
class CurrentUserApiTest extends AppServerTest {

    @Test
    void aWorker_seesItsRoleUnitAndTheBoothsInScope_withCentreAndRadius() {
        Hierarchy h = hierarchy();

        Api.Response r = h.worker().get("/api/v1/me");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode me = r.json();
        assertThat(me.get("userId").asLong()).isEqualTo(h.workerId());
        assertThat(me.get("username").asText()).isEqualTo(workerMobile(h));
        assertThat(me.get("role").asText()).isEqualTo("WORKER");
        assertThat(me.get("unit").get("id").asLong()).isEqualTo(h.boothId());
        assertThat(me.get("unit").get("level").asText()).isEqualTo("BOOTH");
        assertThat(me.get("booths")).hasSize(1);
        JsonNode booth = me.get("booths").get(0);
        assertThat(booth.get("id").asLong()).isEqualTo(h.boothId());
        assertThat(booth.get("latitude").asDouble()).isEqualTo(23.26);
        assertThat(booth.get("longitude").asDouble()).isEqualTo(77.4127);
        assertThat(booth.get("radiusMeters").asDouble()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("password");
    }

    @Test
    void aWorkerAboveTheBooths_seesEveryBoothBelowItsUnit_andNoneOutside() {
        Hierarchy h = hierarchy();
        long district = admin.get("/api/v1/org-units/" + h.boothId()).json().get("parentId").asLong();
        long second = Hierarchy.created(admin.post("/api/v1/org-units", ("{\"parentId\": %d, \"level\": \"BOOTH\","
                + " \"code\": \"S%d-B2\", \"name\": \"Booth 2\", \"latitude\": 23.3, \"longitude\": 77.4,"
                + " \"radiusMeters\": 150}").formatted(district, h.n())));
        hierarchy(); // another district's booth, out of scope
        Hierarchy.created(admin.post("/api/v1/workers", ("{\"name\": \"District worker\", \"mobile\": \"97%08d\","
                + " \"password\": \"worker-pw-2\", \"orgUnitId\": %d}").formatted(h.n(), district)));
        Api districtWorker = anonymous.login("97%08d".formatted(h.n()), "worker-pw-2");

        JsonNode booths = districtWorker.get("/api/v1/me").json().get("booths");

        assertThat(booths).extracting(b -> b.get("id").asLong()).containsExactly(h.boothId(), second);
    }

    @Test
    void anAdmin_hasNoBooths_andNoTokenIs401() {
        JsonNode me = admin.get("/api/v1/me").json();
        assertThat(me.get("role").asText()).isEqualTo("ADMIN");
        assertThat(me.get("booths")).isEmpty();

        Api.Response anonymousMe = anonymous.get("/api/v1/me");
        assertThat(anonymousMe.status()).isEqualTo(401);
        assertThat(anonymousMe.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    }
}
