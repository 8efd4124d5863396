package org.sadasya.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.verification.VerifyEnrollment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code GET /api/v1/dashboard} and {@code /dashboard/workers} on H2 against a seeded drive
 * ({@link DashboardSeeds}); {@link DashboardPostgresTest} runs the same checks on PostgreSQL.
 */
class DashboardApiTest extends AppServerTest {

    private static final AtomicInteger SEQ = new AtomicInteger(10);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    VerifyEnrollment pipeline;

    DashboardSeeds.Seeded seed() {
        return DashboardSeeds.seed(anonymous, admin, jdbc, pipeline, SEQ.incrementAndGet());
    }

    @Test
    void totalsByDayByChildByWorker_reasons_median_andBacklog_equalTheSeeds() {
        DashboardSeeds.Seeded s = seed();
        DashboardChecks.everyNumberMatchesTheSeeds(s);
        DashboardChecks.aWindowCountsItsDaysOnly(s);
    }

    @Test
    void aDistrictReviewer_seesTheirDistrictAndBelow_neitherTheOtherNorTheState() {
        DashboardSeeds.Seeded s = seed();
        Api a = s.reviewerOfA();
        var own = DashboardChecks.get(a, "/api/v1/dashboard").json();
        assertThat(own.get("orgUnit").get("id").asLong()).isEqualTo(s.unit("A"));
        assertThat(own.get("submitted").asLong()).isEqualTo(11);
        assertThat(own.get("ancestors")).as("the breadcrumb starts at the reviewer's own unit").isEmpty();
        var booth = DashboardChecks.get(a, "/api/v1/dashboard?orgUnitId=" + s.unit("a1")).json();
        assertThat(booth.get("ancestors").findValuesAsText("name")).containsExactly("District A", "Block A1");

        for (String other : new String[] {"B", "b1", "state"}) {
            for (String path : new String[] {"/api/v1/dashboard?orgUnitId=", "/api/v1/dashboard/workers?orgUnitId="}) {
                Api.Response r = a.get(path + s.unit(other));
                assertThat(r.status()).as(path + other).isEqualTo(403);
                assertThat(r.json().get("code").asText()).isEqualTo("FORBIDDEN");
            }
        }
        assertThat(a.get("/api/v1/dashboard?orgUnitId=987654321").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/dashboard").status()).isEqualTo(401);
        Api worker = anonymous.login("97%07d%d".formatted(SEQ.get(), 0), "worker-pw-1");
        assertThat(worker.get("/api/v1/dashboard?orgUnitId=" + s.unit("a1")).status()).isEqualTo(403);
    }

    @Test
    void theChartLibraryThePageNames_isServedByTheApp() throws java.io.IOException {
        String html = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/resources/static/console/index.html"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("src=\"(/webjars/chart\\.js/[^\"]+)\"").matcher(html);
        assertThat(m.find()).as("index.html loads Chart.js from the WebJar").isTrue();
        Api.Response chart = anonymous.get(m.group(1));
        assertThat(chart.status()).as("the pom's WebJar version is the one index.html names").isEqualTo(200);
        assertThat(chart.body()).contains("Chart.js v4");
    }

    @Test
    void anAdminWithoutAUnit_seesEverything_withTheStatesAsChildren() {
        DashboardSeeds.Seeded s = seed();
        var all = DashboardChecks.get(admin, "/api/v1/dashboard").json();
        assertThat(all.get("orgUnit")).as("no unit: everything").isNull();
        assertThat(all.get("submitted").asLong()).isGreaterThanOrEqualTo(14);
        assertThat(all.get("byChild").findValuesAsText("orgUnitId")).contains(String.valueOf(s.unit("state")));

        var empty = DashboardChecks.get(admin, "/api/v1/dashboard?orgUnitId=" + hierarchy().boothId()).json();
        assertThat(DashboardChecks.counts(empty)).containsExactly(0L, 0L, 0L, 0L);
        assertThat(empty.get("byDay")).isEmpty();
        assertThat(empty.get("topRejectionReasons")).isEmpty();
        assertThat(empty.get("medianDecisionSeconds")).as("nothing decided: no median").isNull();
        assertThat(empty.get("backlog").get("count").asLong()).isZero();
    }
}
