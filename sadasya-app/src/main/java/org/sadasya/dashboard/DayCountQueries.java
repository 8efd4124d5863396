package org.sadasya.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sadasya.enrollment.DecisionTimeBuckets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dashboard's numbers from the day counts that {@code enrollment.EnrollmentDayCounts} keeps
 * (one row per booths' parent unit and IST day), for a unit whose children are not booths: every
 * statement reads one row per unit and day below, not one per enrolment. Its numbers equal
 * {@link DashboardQueries}' but the median, which the buckets give to within its bucket.
 */
@Component
public class DayCountQueries implements UnitCounts {

    private static final String SUMS = "SUM(submitted), SUM(accepted), SUM(rejected), SUM(review)";

    private final JdbcClient jdbc;

    public DayCountQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Counts totals(String unitPath, Window window) {
        Window.Filter f = window.withinDays(unitPath);
        return jdbc.sql("SELECT " + SUMS + " FROM enrollment_day WHERE " + f.sql()).params(f.params())
                .query((rs, i) -> Counts.read(rs, 1)).single();
    }

    @Override
    public Map<LocalDate, Counts> byDay(String unitPath, Window window) {
        Window.Filter f = window.withinDays(unitPath);
        Map<LocalDate, Counts> out = new TreeMap<>();
        jdbc.sql("SELECT ist_day, " + SUMS + " FROM enrollment_day WHERE " + f.sql() + " GROUP BY ist_day")
                .params(f.params())
                .query(rs -> {
                    out.put(LocalDate.ofEpochDay(rs.getLong(1)), Counts.read(rs, 2));
                });
        return out;
    }

    /** The unit path's part up to the first {@code /} after {@code unitPath}: a cell's row is at or below a child. */
    @Override
    public Map<String, Counts> byChildPath(String unitPath, Window window) {
        Window.Filter f = window.withinDays(unitPath);
        List<Object> params = new ArrayList<>();
        params.add(unitPath.length());
        params.add(unitPath.length() + 1);
        params.addAll(f.params());
        Map<String, Counts> out = new HashMap<>();
        jdbc.sql("SELECT child, " + SUMS + " FROM (SELECT SUBSTRING(unit_path, 1,"
                        + " ? + POSITION('/' IN SUBSTRING(unit_path, ?))) AS child, submitted, accepted, rejected, review"
                        + " FROM enrollment_day WHERE " + f.sql() + ") t GROUP BY child")
                .params(params)
                .query(rs -> {
                    out.put(rs.getString(1), Counts.read(rs, 2));
                });
        return out;
    }

    @Override
    public List<DashboardQueries.ReasonCount> topRejectionReasons(String unitPath, Window window) {
        Window.Filter f = window.withinDays(unitPath);
        List<DashboardQueries.ReasonCount> out = jdbc.sql("SELECT code, SUM(rejected) FROM enrollment_day_reason WHERE "
                        + f.sql() + " GROUP BY code")
                .params(f.params())
                .query((rs, i) -> new DashboardQueries.ReasonCount(rs.getString(1), rs.getLong(2)))
                .list();
        return out.stream().filter(r -> r.count() > 0)
                .sorted(Comparator.comparingLong(DashboardQueries.ReasonCount::count).reversed()
                        .thenComparing(DashboardQueries.ReasonCount::code))
                .toList();
    }

    @Override
    public Double medianDecisionSeconds(String unitPath, Window window) {
        Window.Filter f = window.withinDays(unitPath);
        StringBuilder sums = new StringBuilder();
        for (int k = 0; k < DecisionTimeBuckets.COUNT; k++) {
            sums.append(k == 0 ? "" : ", ").append("SUM(").append(DecisionTimeBuckets.column(k)).append(')');
        }
        long[] counts = jdbc.sql("SELECT " + sums + " FROM enrollment_day WHERE " + f.sql()).params(f.params())
                .query((rs, i) -> {
                    long[] c = new long[DecisionTimeBuckets.COUNT];
                    for (int k = 0; k < c.length; k++) {
                        c[k] = rs.getLong(k + 1);
                    }
                    return c;
                })
                .single();
        return DecisionTimeBuckets.median(counts);
    }

    @Override
    public boolean medianEstimated() {
        return true;
    }
}
