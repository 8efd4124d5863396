package org.sadasya.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sadasya.dashboard.DashboardQueries;
import org.sadasya.dashboard.DayCountQueries;
import org.sadasya.dashboard.UnitCounts;
import org.sadasya.dashboard.Window;
import org.sadasya.enrollment.EnrollmentDayCounts;
import org.sadasya.testsupport.Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dashboard's aggregates ({@link DashboardQueries}, the code the API runs) at state scale on
 * PostgreSQL: {@value #DISTRICTS} districts × 4 blocks × 5 mandalams × 5 sectors × 10 booths
 * (50 000 booths), a worker per two booths, {@code bench.rows} enrolments (default 1 M) spread over
 * 30 days, 78 % accepted, 12 % rejected (by one of five rules), 8 % in review, 2 % not yet decided,
 * with reasons, data and response texts of realistic width. The rows are generated inside the
 * database ({@code INSERT … SELECT generate_series}); first without the V8 indexes, timed, then
 * with them (the migration's own text), timed again: one JSON line per query and scope with p50 /
 * p95 over {@code bench.runs} runs; then the day counts (V16) are filled and the same statements
 * timed from them for the scopes above the sectors, after checking that both give the same numbers.
 * Not part of {@code mvn verify}; run with
 * {@code mvn -pl sadasya-app -am test -Dtest=DashboardBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DashboardBenchmark {

    static final int DISTRICTS = 50;
    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    static final int RUNS = Integer.getInteger("bench.runs", 20);
    static final int RUNS_WITHOUT_INDEXES = Integer.getInteger("bench.runsWithout", 5);
    static final String V8 = "db/migration/postgresql/V8__dashboard_indexes.sql";

    @Test
    void dashboardAtStateScale() throws Exception {
        try (Databases.Db db = Databases.postgres()) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            print("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                    "postgres", jdbc.sql("SHOW server_version").query(String.class).single(),
                    "sharedBuffers", jdbc.sql("SHOW shared_buffers").query(String.class).single(),
                    "workMem", jdbc.sql("SHOW work_mem").query(String.class).single()));
            for (String index : List.of("enrollment_dashboard", "enrollment_backlog", "enrollment_rejected")) {
                jdbc.sql("DROP INDEX " + index).update();
            }
            long t = System.nanoTime();
            hierarchy(jdbc);
            enrolments(jdbc);
            jdbc.sql("VACUUM ANALYZE").update();
            print("load", Map.of("rows", ROWS, "seconds", seconds(t),
                    "tableMb", jdbc.sql("SELECT pg_total_relation_size('enrollment') / 1048576").query(Long.class).single()));

            Map<String, String> scopes = scopes(jdbc);
            if (RUNS_WITHOUT_INDEXES > 0) {
                time(jdbc, scopes, "without-v8", RUNS_WITHOUT_INDEXES);
            }

            t = System.nanoTime();
            String withoutComments = v8().lines().filter(l -> !l.strip().startsWith("--"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            for (String statement : withoutComments.split(";")) {
                if (!statement.isBlank()) {
                    jdbc.sql(statement).update();
                }
            }
            jdbc.sql("VACUUM ANALYZE enrollment").update();
            print("v8-indexes", Map.of("seconds", seconds(t), "indexMb", jdbc.sql("SELECT SUM(pg_relation_size(indexrelid))"
                    + " / 1048576 FROM pg_index WHERE indrelid = 'enrollment'::regclass").query(Long.class).single()));
            time(jdbc, scopes, "with-v8", RUNS);

            // the day counts (V16): filled as the migration fills them, then what the dashboard reads above the sectors
            t = System.nanoTime();
            new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())).executeWithoutResult(
                    s -> EnrollmentDayCounts.rebuild(new JdbcTemplate(db.dataSource())));
            jdbc.sql("VACUUM ANALYZE enrollment_day").update();
            jdbc.sql("VACUUM ANALYZE enrollment_day_reason").update();
            print("day-counts-fill", Map.of("seconds", seconds(t),
                    "rows", jdbc.sql("SELECT COUNT(*) FROM enrollment_day").query(Long.class).single(),
                    "reasonRows", jdbc.sql("SELECT COUNT(*) FROM enrollment_day_reason").query(Long.class).single(),
                    "tableMb", jdbc.sql("SELECT (pg_total_relation_size('enrollment_day')"
                            + " + pg_total_relation_size('enrollment_day_reason')) / 1048576").query(Long.class).single()));
            DayCountQueries days = new DayCountQueries(jdbc);
            DashboardQueries raw = new DashboardQueries(jdbc);
            Window all = new Window(null, null);
            for (String scope : List.of("state", "district", "block")) {
                String p = scopes.get(scope);
                // the same numbers from both sources, at scale (the median only to its bucket)
                check(scope + " totals", days.totals(p, all), raw.totals(p, all));
                check(scope + " byDay", days.byDay(p, all), raw.byDay(p, all));
                check(scope + " byChild", days.byChildPath(p, all), raw.byChildPath(p, all));
                check(scope + " reasons", days.topRejectionReasons(p, all), raw.topRejectionReasons(p, all));
                print("median", Map.of("scope", scope, "exactSeconds", raw.medianDecisionSeconds(p, all),
                        "estimatedSeconds", days.medianDecisionSeconds(p, all)));
            }
            Map<String, String> above = new LinkedHashMap<>(scopes);
            above.remove("sector");
            above.remove("booth");
            time(days, raw, above, "day-counts", RUNS);
            for (var scope : scopes.entrySet()) {
                // how PostgreSQL runs the commonest statement, for the README
                String plan = String.join(" | ", jdbc.sql("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT COUNT(*) FROM enrollment"
                        + " WHERE booth_path LIKE ?").params(scope.getValue() + "%").query(String.class).list());
                print("plan", Map.of("scope", scope.getKey(), "totals", plan.replace("\"", "'")));
            }
        }
    }

    /** Units with explicit ids per level (state 1, districts 2…, blocks 101…, mandalams 1001…, sectors 10001…, booths 100001…). */
    static void hierarchy(JdbcClient jdbc) {
        jdbc.sql("INSERT INTO org_unit (id, parent_id, level, code, name, name_hi, path, created_at)"
                + " VALUES (1, NULL, 'STATE', 'ST', 'State', 'राज्य', '/1/', now())").update();
        level(jdbc, "STATE", 0, "DISTRICT", 1, DISTRICTS, false);
        level(jdbc, "DISTRICT", 1, "BLOCK", 100, 4, false);
        level(jdbc, "BLOCK", 100, "MANDALAM", 1000, 5, false);
        level(jdbc, "MANDALAM", 1000, "SECTOR", 10000, 5, false);
        level(jdbc, "SECTOR", 10000, "BOOTH", 100000, 10, true);
        // a worker per two booths
        jdbc.sql("INSERT INTO app_user (id, username, password_hash, role, name, mobile, org_unit_id, active, created_at)"
                + " SELECT 1000 + (id - 100001) / 2, 'w' || id, 'x', 'WORKER', 'Worker ' || id, NULL, id, TRUE, now()"
                + " FROM org_unit WHERE level = 'BOOTH' AND id % 2 = 1").update();
    }

    private static void level(JdbcClient jdbc, String parentLevel, int parentBase, String level, int base, int perParent,
            boolean booth) {
        String id = base + " + (p.id - " + parentBase + " - 1) * " + perParent + " + g";
        // the state's id is 1 and its base 0: (1 - 0 - 1) = 0
        jdbc.sql("INSERT INTO org_unit (id, parent_id, level, code, name, name_hi, latitude, longitude, radius_meters, path,"
                + " created_at) SELECT " + id + ", p.id, '" + level + "', '" + level.charAt(0) + "' || (" + id + "),"
                + " '" + level + " ' || (" + id + "), NULL, " + (booth ? "23.2 + g / 100.0, 77.4, 200" : "NULL, NULL, NULL")
                + ", p.path || (" + id + ") || '/', now() FROM org_unit p CROSS JOIN generate_series(1, " + perParent + ") g"
                + " WHERE p.level = '" + parentLevel + "'").update();
    }

    static void enrolments(JdbcClient jdbc) {
        String rejects = "(ARRAY['LIVENESS', 'DUPLICATE_FACE', 'FACE_COUNT', 'FIELD_PRESENCE', 'REVIEWER_DECISION'])"
                + "[1 + (r.h / 7) % 5]";
        String pass = List.of("FACE_COUNT", "WORKER_MATCH", "MEMBER_IS_NOT_WORKER", "IMAGE_REUSE", "DETAILS", "CAPTURE_TIME")
                .stream().map(c -> rule("'" + c + "'", "'PASS'")).reduce((a, b) -> a + " || ',' || " + b).orElseThrow();
        String last = rule("CASE WHEN s.status = 'REJECTED' THEN " + rejects + " ELSE 'LIVENESS' END",
                "CASE s.status WHEN 'REJECTED' THEN 'REJECT' WHEN 'REVIEW' THEN 'REVIEW' ELSE 'PASS' END");
        jdbc.sql("INSERT INTO enrollment (submission_id, content_sha256, worker_id, booth_id, booth_path, data_json, status,"
                + " reasons_json, response_status, response_body, received_at, decided_at)"
                + " SELECT md5(g::text), md5(g::text) || md5(g::text), 1000 + (b.id - 100001) / 2, b.id, b.path,"
                + " '{\"submissionId\":\"' || md5(g::text) || '\",\"boothId\":' || b.id || ',\"member\":{\"name\":\"Sunita Devi\","
                + "\"nameHi\":\"सुनीता देवी\",\"mobile\":\"98' || lpad((g % 100000000)::text, 8, '0') || '\",\"epic\":\"ABC'"
                + " || lpad(g::text, 7, '0') || '\",\"age\":34,\"gender\":\"F\"},\"latitude\":23.26,\"longitude\":77.41,"
                + "\"accuracyMeters\":8,\"capturedAt\":\"2026-11-01T10:00:00Z\",\"consent\":true}',"
                + " s.status, CASE WHEN s.status = 'RECEIVED' THEN NULL ELSE '[' || " + pass + " || ',' || " + last + ""
                + " || ']' END, 202,"
                + " '{\"submissionId\":\"' || md5(g::text) || '\",\"status\":\"RECEIVED\",\"statusUrl\":\"/api/v1/enrollments/'"
                + " || md5(g::text) || '\"}',"
                + " s.received, CASE WHEN s.status = 'RECEIVED' THEN NULL ELSE s.received + (30 + g % 900) * INTERVAL '1 second' END"
                + " FROM generate_series(1, " + ROWS + ") g"
                + " JOIN org_unit b ON b.id = 100001 + g % 50000"
                // 48 pseudo-random bits per row for status, day and time, independent of the booth
                + " CROSS JOIN LATERAL (SELECT ('x' || substr(md5('h' || g), 1, 12))::bit(48)::bigint AS h) r"
                + " CROSS JOIN LATERAL (SELECT CASE WHEN r.h % 100 < 78 THEN 'ACCEPTED' WHEN r.h % 100 < 90 THEN 'REJECTED'"
                + " WHEN r.h % 100 < 98 THEN 'REVIEW' ELSE 'RECEIVED' END AS status,"
                + " TIMESTAMPTZ '2026-11-01 00:00:00+05:30' + ((r.h / 100) % 30) * INTERVAL '1 day'"
                + " + ((r.h / 3000) % 86400) * INTERVAL '1 second' AS received) s").update();
    }

    /** One rule's entry as the pipeline writes it, with figures in its evidence. */
    private static String rule(String code, String outcome) {
        return "'{\"code\":\"' || " + code + " || '\",\"outcome\":\"' || " + outcome
                + " || '\",\"detail\":\"rule detail for the reviewer\",\"evidence\":{\"similarity\":0.8123,\"threshold\":0.5}}'";
    }

    /** The state, the first district, its first block, a sector and one booth. */
    static Map<String, String> scopes(JdbcClient jdbc) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("state", "/1/");
        out.put("district", jdbc.sql("SELECT path FROM org_unit WHERE id = 2").query(String.class).single());
        out.put("block", jdbc.sql("SELECT path FROM org_unit WHERE id = 101").query(String.class).single());
        out.put("sector", jdbc.sql("SELECT path FROM org_unit WHERE id = 10001").query(String.class).single());
        out.put("booth", jdbc.sql("SELECT path FROM org_unit WHERE id = 100001").query(String.class).single());
        return out;
    }

    static void time(JdbcClient jdbc, Map<String, String> scopes, String phase, int runs) {
        DashboardQueries q = new DashboardQueries(jdbc);
        time(q, q, scopes, phase, runs);
    }

    /** The dashboard's statements from {@code q}; the per-worker numbers and the backlog always from {@code raw}. */
    static void time(UnitCounts q, DashboardQueries raw, Map<String, String> scopes, String phase, int runs) {
        Window all = new Window(null, null);
        Window week = Window.parse("2026-11-24", "2026-11-30");
        for (var scope : scopes.entrySet()) {
            String p = scope.getValue();
            Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
            queries.put("totals", () -> q.totals(p, all));
            queries.put("byDay", () -> q.byDay(p, all));
            queries.put("byChild", () -> q.byChildPath(p, all));
            queries.put("byWorker", () -> raw.byWorker(p, all, 200));
            queries.put("topRejectionReasons", () -> q.topRejectionReasons(p, all));
            queries.put("medianDecision", () -> q.medianDecisionSeconds(p, all));
            queries.put("backlog", () -> raw.backlog(p));
            queries.put("totalsLastWeek", () -> q.totals(p, week));
            double[] dashboard = new double[runs];
            for (var query : queries.entrySet()) {
                query.getValue().get(); // warm-up
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t = System.nanoTime();
                    query.getValue().get();
                    ms[i] = (System.nanoTime() - t) / 1e6;
                    if (!query.getKey().equals("totalsLastWeek")) {
                        dashboard[i] += ms[i];
                    }
                }
                report(phase, scope.getKey(), query.getKey(), ms);
            }
            report(phase, scope.getKey(), "wholeDashboard", dashboard);
        }
    }

    private static void check(String what, Object dayCounts, Object enrolments) {
        if (!dayCounts.equals(enrolments)) {
            throw new AssertionError(what + ": day counts " + dayCounts + " but enrolments " + enrolments);
        }
    }

    private static void report(String phase, String scope, String query, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("phase", phase);
        line.put("scope", scope);
        line.put("query", query);
        line.put("runs", sorted.length);
        line.put("p50Ms", round(sorted[sorted.length / 2]));
        line.put("p95Ms", round(sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)]));
        print("dashboard-query", line);
    }

    private static String v8() throws IOException {
        try (InputStream in = DashboardBenchmark.class.getClassLoader().getResourceAsStream(V8)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static double seconds(long since) {
        return round((System.nanoTime() - since) / 1e9);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void print(String bench, Map<String, ?> fields) {
        List<String> parts = new ArrayList<>(List.of("\"bench\":\"" + bench + "\""));
        fields.forEach((k, v) -> parts.add("\"" + k + "\":" + (v instanceof Number ? String.format(Locale.ROOT, "%s", v)
                : "\"" + v + "\"")));
        System.out.println("{" + String.join(",", parts) + "}");
    }
}
