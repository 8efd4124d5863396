package org.sadasya.dashboard;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sadasya.decision.ReasonCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dashboard's numbers, each one aggregate statement over {@code enrollment} in one subtree
 * ({@code booth_path LIKE '<unit path>%'}, see {@link Window#within}) and receipt window: the database groups and counts,
 * only the groups come back. Written once for H2 and PostgreSQL (derived columns are computed in
 * a sub-select and grouped outside it, which both accept with bound parameters). The indexes they
 * use are in migration V8. The dashboard reads them for a booth and for a unit with booths right
 * below it (a sector: a few thousand enrolments at most); above, {@link DayCountQueries} answers
 * the same from the day counts, and the per-worker numbers and the backlog always come from here.
 */
@Component
public class DashboardQueries implements UnitCounts {

    private final JdbcClient jdbc;

    public DashboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Counts totals(String unitPath, Window window) {
        Window.Filter f = window.within(unitPath);
        return jdbc.sql("SELECT " + Counts.SELECT + " FROM enrollment WHERE " + f.sql()).params(f.params())
                .query((rs, i) -> Counts.read(rs, 1)).single();
    }

    /**
     * Per receipt day in IST, only the days that have enrolments, oldest first. The day is counted
     * from the epoch seconds plus India's offset: both databases agree on epoch seconds, while a cast
     * of a zoned timestamp to DATE follows the session's zone in H2. India keeps one offset all year.
     * Whole seconds, then integer division: PostgreSQL's EXTRACT is a numeric, and dividing numerics
     * a million times costs (a state's byDay: 650 → 380 ms for 1 M rows in psql).
     */
    @Override
    public Map<LocalDate, Counts> byDay(String unitPath, Window window) {
        Window.Filter f = window.within(unitPath);
        List<Object> params = new ArrayList<>();
        params.add(Window.IST.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds());
        params.addAll(f.params());
        Map<LocalDate, Counts> out = new java.util.TreeMap<>();
        jdbc.sql("SELECT ist_day, " + Counts.SELECT + " FROM (SELECT"
                        + " (CAST(FLOOR(EXTRACT(EPOCH FROM received_at)) AS BIGINT) + ?) / 86400"
                        + " AS ist_day, status FROM enrollment WHERE " + f.sql() + ") t GROUP BY ist_day")
                .params(params)
                .query(rs -> {
                    out.put(LocalDate.ofEpochDay(rs.getLong(1)), Counts.read(rs, 2));
                });
        return out;
    }

    /**
     * Per child unit, keyed by the child's path: the part of {@code booth_path} up to the first
     * {@code /} after the unit's own path.
     */
    @Override
    public Map<String, Counts> byChildPath(String unitPath, Window window) {
        Window.Filter f = window.within(unitPath);
        List<Object> params = new ArrayList<>();
        params.add(unitPath.length());
        params.add(unitPath.length() + 1);
        params.addAll(f.params());
        Map<String, Counts> out = new HashMap<>();
        jdbc.sql("SELECT child, " + Counts.SELECT + " FROM (SELECT SUBSTRING(booth_path, 1,"
                        + " ? + POSITION('/' IN SUBSTRING(booth_path, ?))) AS child, status FROM enrollment"
                        + " WHERE " + f.sql() + ") t GROUP BY child")
                .params(params)
                .query(rs -> {
                    out.put(rs.getString(1), Counts.read(rs, 2));
                });
        return out;
    }

    public record WorkerCounts(long workerId, String name, long submitted, long accepted, long rejected, long review) {}

    /** Per worker who enrolled in the subtree (counting only the subtree's enrolments), most submitted first. */
    public List<WorkerCounts> byWorker(String unitPath, Window window, int limit) {
        Window.Filter f = window.within(unitPath);
        List<Object> params = new ArrayList<>(f.params());
        params.add(limit);
        return jdbc.sql("SELECT t.worker_id, u.name, t.submitted, t.accepted, t.rejected, t.review FROM (SELECT worker_id,"
                        + " COUNT(*) AS submitted, SUM(CASE WHEN status = 'ACCEPTED' THEN 1 ELSE 0 END) AS accepted,"
                        + " SUM(CASE WHEN status = 'REJECTED' THEN 1 ELSE 0 END) AS rejected,"
                        + " SUM(CASE WHEN status = 'REVIEW' THEN 1 ELSE 0 END) AS review"
                        + " FROM enrollment WHERE " + f.sql() + " GROUP BY worker_id) t JOIN app_user u ON u.id = t.worker_id"
                        + " ORDER BY t.submitted DESC, t.worker_id LIMIT ?")
                .params(params)
                .query((rs, i) -> new WorkerCounts(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)))
                .list();
    }

    public record ReasonCount(String code, long count) {}

    /**
     * How many rejected enrolments each rule rejected, most first (rules that rejected none left
     * out). A decision's reasons are stored as a JSON list of {@code {"code":..,"outcome":..,..}}
     * objects (RuleResult's and the reviewer's, written by Jackson in that order, no spaces), so one
     * conditional count per code over the rejected rows does it in one pass, with no JSON functions
     * (H2 and PostgreSQL have different ones).
     */
    @Override
    public List<ReasonCount> topRejectionReasons(String unitPath, Window window) {
        Window.Filter f = window.within(unitPath);
        ReasonCode[] codes = ReasonCode.values();
        List<Object> params = new ArrayList<>();
        StringBuilder sums = new StringBuilder();
        for (ReasonCode c : codes) {
            sums.append(sums.isEmpty() ? "" : ", ").append("SUM(CASE WHEN reasons_json LIKE ? THEN 1 ELSE 0 END)");
            params.add(rejectedBy(c));
        }
        params.addAll(f.params());
        List<ReasonCount> out = new ArrayList<>();
        jdbc.sql("SELECT " + sums + " FROM enrollment WHERE status = 'REJECTED' AND " + f.sql())
                .params(params)
                .query(rs -> {
                    for (int i = 0; i < codes.length; i++) {
                        long n = rs.getLong(i + 1);
                        if (n > 0) {
                            out.add(new ReasonCount(codes[i].name(), n));
                        }
                    }
                });
        out.sort(Comparator.comparingLong(ReasonCount::count).reversed().thenComparing(ReasonCount::code));
        return out;
    }

    /** The LIKE pattern of a reasons list in which {@code code} rejected ({@code _} in a code matches itself too). */
    static String rejectedBy(ReasonCode code) {
        return "%" + org.sadasya.enrollment.EnrollmentDayCounts.rejectionMarker(code) + "%";
    }

    @Override
    public boolean medianEstimated() {
        return false;
    }

    /** The median of receipt → final decision (accepted or rejected), in seconds; null when none was decided. */
    @Override
    public Double medianDecisionSeconds(String unitPath, Window window) {
        Window.Filter f = window.within(unitPath);
        return jdbc.sql("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY"
                        + " EXTRACT(EPOCH FROM decided_at) - EXTRACT(EPOCH FROM received_at)) FROM enrollment"
                        + " WHERE status IN ('ACCEPTED', 'REJECTED') AND decided_at IS NOT NULL AND " + f.sql())
                .params(f.params())
                .query((rs, i) -> rs.getObject(1) == null ? null : rs.getDouble(1)).list().get(0);
    }

    public record Backlog(long count, OffsetDateTime oldestReceivedAt) {}

    /** What waits for a reviewer now, whenever it came in. */
    public Backlog backlog(String unitPath) {
        return jdbc.sql("SELECT COUNT(*), MIN(received_at) FROM enrollment WHERE status = 'REVIEW' AND "
                        + Window.subtree(unitPath))
                .query((rs, i) -> new Backlog(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).single();
    }
}
