package org.sadasya.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;

/** What an operator sees: health with details for admins only, the queue gauge and per-reason counters. */
// Spring Boot tests leave the metrics exporters off unless asked; this one reads /actuator/prometheus
@AutoConfigureObservability
class OperationsHealthTest extends AppServerTest {

    @Test
    void health_showsTheQueueAndTheIndexToAnAdmin_andOnlyTheStatusToAnyoneElse() {
        Hierarchy h = hierarchy();
        ReviewSeeds.inReview(admin, h);

        JsonNode open = anonymous.get("/actuator/health").json();
        assertThat(open.get("status").asText()).isEqualTo("UP");
        assertThat(open.has("components")).as("no details without an admin's token").isFalse();
        assertThat(h.worker().get("/actuator/health").json().has("components")).isFalse();

        JsonNode components = admin.get("/actuator/health").json().get("components");
        JsonNode queue = components.get("verificationQueue");
        assertThat(queue.get("status").asText()).isEqualTo("UP");
        assertThat(queue.get("details").get("pending").asLong()).isGreaterThanOrEqualTo(0);
        JsonNode index = components.get("memberIndex").get("details");
        assertThat(index.get("changesBehind").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(index.has("faces")).isTrue();
        // readiness waits for the face index (opened in the background after start)
        JsonNode readiness = admin.get("/actuator/health/readiness").json();
        assertThat(readiness.get("status").asText()).isEqualTo("UP");
        assertThat(readiness.get("components").has("memberIndex")).isTrue();
    }

    @Test
    void metrics_countEachReasonThatDidNotPass_andGaugeTheQueue() {
        Hierarchy h = hierarchy();
        ReviewSeeds.inReview(admin, h); // LIVENESS REVIEW: the burst is unusable

        String metrics = anonymous.get("/actuator/prometheus").body();
        assertThat(metrics).contains("sadasya_queue_pending");
        assertThat(metrics).containsPattern("sadasya_reasons_total\\{[^}]*code=\"LIVENESS\"[^}]*outcome=\"REVIEW\"[^}]*\\} [1-9]");
    }
}
