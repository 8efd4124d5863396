package org.sadasya.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sadasya.dashboard.DashboardSeeds.Row;
import org.sadasya.dashboard.DashboardSeeds.Seeded;
import org.sadasya.testsupport.Api;

/**
 * The dashboard's answers against the numbers the seed list implies (the same checks on H2 and
 * PostgreSQL). A few totals are also written out as literals, so that a mistake shared by the seed
 * arithmetic and the server cannot pass unseen.
 */
final class DashboardChecks {

    private DashboardChecks() {}

    static void everyNumberMatchesTheSeeds(Seeded s) {
        JsonNode state = get(s.reviewerOfState(), "/api/v1/dashboard").json();
        assertThat(state.get("orgUnit").get("id").asLong()).as("the reviewer's own unit by default").isEqualTo(s.unit("state"));
        assertThat(List.of(state.get("submitted").asLong(), state.get("accepted").asLong(), state.get("rejected").asLong(),
                state.get("review").asLong())).containsExactly(14L, 5L, 5L, 3L);
        for (String unit : List.of("state", "A", "B", "A1", "a1", "a2", "b1")) {
            JsonNode d = get(s.reviewerOfState(), "/api/v1/dashboard?orgUnitId=" + s.unit(unit)).json();
            List<Row> rows = s.in(unit);
            assertThat(counts(d)).as(unit + " totals").isEqualTo(counts(rows));
            assertThat(byDay(d)).as(unit + " by day").isEqualTo(byDay(rows));
            assertThat(reasons(d)).as(unit + " rejection reasons").isEqualTo(reasons(rows));
            // above the booths' parents the dashboard reads the day counts, whose median is its bucket's
            boolean estimated = unit.equals("state") || unit.equals("A");
            assertThat(d.get("medianEstimated").asBoolean()).as(unit + " median estimated").isEqualTo(estimated);
            assertThat(d.get("medianDecisionSeconds").asDouble()).as(unit + " median")
                    .isEqualTo(estimated ? estimatedMedian(rows) : median(rows));
            assertThat(d.get("backlog").get("count").asLong()).isEqualTo(count(rows, "REVIEW"));
            JsonNode oldest = d.get("backlog").get("oldestReceivedAt");
            assertThat(oldest == null ? null : OffsetDateTime.parse(oldest.asText()).toInstant())
                    .as(unit + " oldest in review")
                    .isEqualTo(rows.stream().filter(r -> r.status().equals("REVIEW")).map(DashboardChecks::received)
                            .min(java.util.Comparator.naturalOrder()).orElse(null));
        }
        assertThat(byDay(state).keySet()).containsExactly("2026-11-20", "2026-11-21", "2026-11-22");
        assertThat(byDay(state).get("2026-11-21")).as("00:15 IST on the 21st is the 21st").containsExactly(5L, 1L, 3L, 1L);
        assertThat(reasons(state)).containsExactly(Map.entry("LIVENESS", 2L), Map.entry("DUPLICATE_FACE", 1L),
                Map.entry("FACE_COUNT", 1L), Map.entry("REVIEWER_DECISION", 1L));

        assertThat(byChild(get(s.reviewerOfState(), "/api/v1/dashboard").json()))
                .containsExactly(Map.entry(s.unit("A"), counts(s.in("A"))), Map.entry(s.unit("B"), counts(s.in("B"))));
        assertThat(byChild(get(s.reviewerOfState(), "/api/v1/dashboard?orgUnitId=" + s.unit("A1")).json()))
                .containsExactly(Map.entry(s.unit("a1"), counts(s.in("a1"))), Map.entry(s.unit("a2"), counts(s.in("a2"))));
        assertThat(get(s.reviewerOfState(), "/api/v1/dashboard?orgUnitId=" + s.unit("b1")).json().get("byChild")).isEmpty();

        JsonNode workers = get(s.reviewerOfState(), "/api/v1/dashboard/workers").json();
        Map<Long, List<Long>> byWorker = new LinkedHashMap<>();
        workers.forEach(w -> byWorker.put(w.get("workerId").asLong(), counts(w)));
        assertThat(byWorker).as("most submitted first").containsExactly(
                Map.entry(s.workers().get("asha"), counts(worker(s, "asha"))),
                Map.entry(s.workers().get("ravi"), counts(worker(s, "ravi"))),
                Map.entry(s.workers().get("meena"), counts(worker(s, "meena"))));
        assertThat(workers.findValuesAsText("name")).containsExactly("Asha", "Ravi", "Meena");
        JsonNode inB = get(s.reviewerOfState(), "/api/v1/dashboard/workers?orgUnitId=" + s.unit("B")).json();
        assertThat(inB.findValuesAsText("name")).containsExactly("Meena");
    }

    /** A window of one IST day counts that day's receipts only; the backlog is now's, whatever the window. */
    static void aWindowCountsItsDaysOnly(Seeded s) {
        JsonNode d = get(s.reviewerOfState(), "/api/v1/dashboard?from=2026-11-21&to=2026-11-21").json();
        List<Row> day = s.in("state").stream().filter(r -> r.day().toString().equals("2026-11-21")).toList();
        assertThat(counts(d)).isEqualTo(counts(day));
        assertThat(byDay(d).keySet()).containsExactly("2026-11-21");
        assertThat(d.get("backlog").get("count").asLong()).isEqualTo(3);
        JsonNode open = get(s.reviewerOfState(), "/api/v1/dashboard?from=2026-11-19&to=2026-11-23").json();
        assertThat(byDay(open).keySet()).as("quiet days as zeros")
                .containsExactly("2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23");
        assertThat(byDay(open).get("2026-11-19")).containsExactly(0L, 0L, 0L, 0L);
        Api.Response bad = s.reviewerOfState().get("/api/v1/dashboard?from=21.11.2026");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("code").asText()).isEqualTo("FIELD_INVALID");
        assertThat(s.reviewerOfState().get("/api/v1/dashboard?from=2026-11-22&to=2026-11-21").status()).isEqualTo(422);
    }

    static Api.Response get(Api api, String path) {
        Api.Response r = api.get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    static List<Row> worker(Seeded s, String name) {
        return s.rows().stream().filter(r -> r.worker().equals(name)).toList();
    }

    static long count(List<Row> rows, String status) {
        return DashboardSeeds.count(rows, r -> r.status().equals(status));
    }

    /** submitted (every status), accepted, rejected, in review. */
    static List<Long> counts(List<Row> rows) {
        return List.of((long) rows.size(), count(rows, "ACCEPTED"), count(rows, "REJECTED"), count(rows, "REVIEW"));
    }

    static List<Long> counts(JsonNode n) {
        return List.of(n.get("submitted").asLong(), n.get("accepted").asLong(), n.get("rejected").asLong(),
                n.get("review").asLong());
    }

    static Map<String, List<Long>> byDay(List<Row> rows) {
        Map<String, List<Row>> days = new TreeMap<>();
        rows.forEach(r -> days.computeIfAbsent(r.day().toString(), k -> new ArrayList<>()).add(r));
        Map<String, List<Long>> out = new LinkedHashMap<>();
        days.forEach((day, rs) -> out.put(day, counts(rs)));
        return out;
    }

    static Map<String, List<Long>> byDay(JsonNode d) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        d.get("byDay").forEach(day -> out.put(day.get("day").asText(), counts(day)));
        return out;
    }

    static Map<Long, List<Long>> byChild(JsonNode d) {
        Map<Long, List<Long>> out = new LinkedHashMap<>();
        d.get("byChild").forEach(c -> out.put(c.get("orgUnitId").asLong(), counts(c)));
        return out;
    }

    /** Most first, then by code. */
    static Map<String, Long> reasons(List<Row> rows) {
        Map<String, Long> n = new TreeMap<>();
        rows.stream().filter(r -> r.rejectedBy() != null).forEach(r -> n.merge(r.rejectedBy(), 1L, Long::sum));
        Map<String, Long> out = new LinkedHashMap<>();
        n.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static Map<String, Long> reasons(JsonNode d) {
        Map<String, Long> out = new LinkedHashMap<>();
        d.get("topRejectionReasons").forEach(r -> out.put(r.get("code").asText(), r.get("count").asLong()));
        return out;
    }

    /** The seeded decision times of the accepted and rejected rows; the reviewer's (until now) sorts last. */
    static double median(List<Row> rows) {
        List<Long> t = rows.stream().filter(r -> r.status().equals("ACCEPTED") || r.status().equals("REJECTED"))
                .map(Row::decisionSeconds).sorted().toList();
        int m = t.size() / 2;
        return t.size() % 2 == 1 ? t.get(m) : (t.get(m - 1) + t.get(m)) / 2.0;
    }

    /** The same from decision-time buckets; the reviewer decided while the seeds were written, about now. */
    static double estimatedMedian(List<Row> rows) {
        long[] counts = new long[org.sadasya.enrollment.DecisionTimeBuckets.COUNT];
        rows.stream().filter(r -> r.status().equals("ACCEPTED") || r.status().equals("REJECTED"))
                .mapToDouble(r -> r.decisionSeconds() == DashboardSeeds.BY_REVIEWER
                        ? java.time.Duration.between(received(r), java.time.Instant.now()).toSeconds()
                        : r.decisionSeconds())
                .forEach(t -> counts[org.sadasya.enrollment.DecisionTimeBuckets.of(t)]++);
        return org.sadasya.enrollment.DecisionTimeBuckets.median(counts);
    }

    static java.time.Instant received(Row r) {
        return r.receivedIst().atZone(Window.IST).toInstant();
    }
}
