package org.sadasya.enrollment;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sadasya.decision.ReasonCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps {@code enrollment_day} and {@code enrollment_day_reason} (migration V16) equal to what the
 * enrolments add up to: one row per booths' parent unit and IST day of receipt. Every change of an
 * enrolment's status applies, in the same transaction, the difference between what the enrolment
 * counted before and after ({@link #changed}); {@link #rebuild} recomputes everything from the
 * enrolments (migration V16_1, and after rows were written around this class).
 *
 * <p>The cell is the booth's parent, not the booth: a state's booths times its days would hold
 * nearly one row per enrolment, while ten booths per sector make the state's dashboard read a tenth
 * or less. Dashboards of a booth or of a unit with booths directly below it read the enrolments.
 */
public final class EnrollmentDayCounts {

    static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    /** What one enrolment counts, in one state; {@code reasonsJson} and {@code decidedAt} may be null. */
    public record Contribution(String boothPath, OffsetDateTime receivedAt, EnrollmentStatus status, String reasonsJson,
            OffsetDateTime decidedAt) {

        static Contribution undecided(String boothPath, OffsetDateTime receivedAt) {
            return new Contribution(boothPath, receivedAt, EnrollmentStatus.RECEIVED, null, null);
        }
    }

    private record Cell(String unitPath, int istDay) {}

    private final JdbcClient jdbc;

    public EnrollmentDayCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new enrolment (or a row written in full by other means) now counts. */
    public void added(Contribution now) {
        Delta d = new Delta();
        d.add(now, 1);
        write(cellOf(now), d);
    }

    /** One enrolment went from {@code before} to {@code after} (the same booth and receipt). */
    public void changed(Contribution before, Contribution after) {
        Delta d = new Delta();
        d.add(before, -1);
        d.add(after, 1);
        write(cellOf(after), d);
    }

    /** The unit a booth path's counts go to: its parent ({@code /1/4/17/} → {@code /1/4/}). */
    public static String unitPathOf(String boothPath) {
        int end = boothPath.lastIndexOf('/', boothPath.length() - 2);
        return boothPath.substring(0, end + 1);
    }

    public static int istDayOf(OffsetDateTime at) {
        return (int) at.atZoneSameInstant(IST).toLocalDate().toEpochDay();
    }

    /**
     * The text a reasons list holds for a rule that rejected: RuleResult's JSON written by Jackson,
     * code then outcome, no spaces (the dashboard's SQL on the enrolments looks for the same).
     */
    public static String rejectionMarker(ReasonCode code) {
        return "{\"code\":\"" + code.name() + "\",\"outcome\":\"REJECT\"";
    }

    private static Cell cellOf(Contribution c) {
        return new Cell(unitPathOf(c.boothPath()), istDayOf(c.receivedAt()));
    }

    /** Differences of every counted number of one cell. */
    private static final class Delta {
        final long[] byStatus = new long[4]; // submitted, accepted, rejected, review
        final long[] decided = new long[DecisionTimeBuckets.COUNT];
        final Map<String, Long> rejectedBy = new TreeMap<>(); // sorted: every writer locks rows in one order

        void add(Contribution c, int sign) {
            byStatus[0] += sign;
            switch (c.status()) {
                case ACCEPTED -> byStatus[1] += sign;
                case REJECTED -> byStatus[2] += sign;
                case REVIEW -> byStatus[3] += sign;
                default -> { }
            }
            boolean decidedForGood = c.status() == EnrollmentStatus.ACCEPTED || c.status() == EnrollmentStatus.REJECTED;
            if (decidedForGood && c.decidedAt() != null) {
                double seconds = Duration.between(c.receivedAt(), c.decidedAt()).toNanos() / 1e9;
                decided[DecisionTimeBuckets.of(seconds)] += sign;
            }
            if (c.status() == EnrollmentStatus.REJECTED && c.reasonsJson() != null) {
                for (ReasonCode code : ReasonCode.values()) {
                    if (c.reasonsJson().contains(rejectionMarker(code))) {
                        rejectedBy.merge(code.name(), (long) sign, Long::sum);
                    }
                }
            }
        }

        void plus(Delta other) {
            for (int i = 0; i < byStatus.length; i++) {
                byStatus[i] += other.byStatus[i];
            }
            for (int i = 0; i < decided.length; i++) {
                decided[i] += other.decided[i];
            }
            other.rejectedBy.forEach((k, v) -> rejectedBy.merge(k, v, Long::sum));
        }
    }

    private static final String[] STATUS_COLUMNS = {"submitted", "accepted", "rejected", "review"};

    private void write(Cell cell, Delta d) {
        List<String> sets = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < STATUS_COLUMNS.length; i++) {
            if (d.byStatus[i] != 0) {
                sets.add(STATUS_COLUMNS[i] + " = " + STATUS_COLUMNS[i] + " + ?");
                params.add(d.byStatus[i]);
            }
        }
        for (int k = 0; k < DecisionTimeBuckets.COUNT; k++) {
            if (d.decided[k] != 0) {
                String column = DecisionTimeBuckets.column(k);
                sets.add(column + " = " + column + " + ?");
                params.add(d.decided[k]);
            }
        }
        if (!sets.isEmpty()) {
            // the row may be new; a concurrent first insert waits for the other and then does nothing
            jdbc.sql("INSERT INTO enrollment_day (unit_path, ist_day) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(cell.unitPath(), cell.istDay()).update();
            params.add(cell.unitPath());
            params.add(cell.istDay());
            jdbc.sql("UPDATE enrollment_day SET " + String.join(", ", sets) + " WHERE unit_path = ? AND ist_day = ?")
                    .params(params).update();
        }
        for (Map.Entry<String, Long> e : d.rejectedBy.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            jdbc.sql("INSERT INTO enrollment_day_reason (unit_path, ist_day, code) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(cell.unitPath(), cell.istDay(), e.getKey()).update();
            jdbc.sql("UPDATE enrollment_day_reason SET rejected = rejected + ? WHERE unit_path = ? AND ist_day = ? AND code = ?")
                    .params(e.getValue(), cell.unitPath(), cell.istDay(), e.getKey()).update();
            if (e.getValue() < 0) {
                // an appeal took the last one back: leave no row a recount would not make
                jdbc.sql("DELETE FROM enrollment_day_reason WHERE unit_path = ? AND ist_day = ? AND code = ? AND rejected = 0")
                        .params(cell.unitPath(), cell.istDay(), e.getKey()).update();
            }
        }
    }

    /**
     * Recomputes both tables from the enrolments, in the caller's transaction: read once (streamed,
     * a state's cells kept in memory), then written in batches. Writers must be stopped meanwhile
     * (it runs as a migration, before the service starts).
     */
    public static void rebuild(JdbcTemplate jdbc) {
        Map<Cell, Delta> cells = new HashMap<>();
        jdbc.setFetchSize(10_000);
        jdbc.query("SELECT booth_path, received_at, status, CASE WHEN status = 'REJECTED' THEN reasons_json END,"
                + " decided_at FROM enrollment", (ResultSet rs) -> {
                    Contribution c = new Contribution(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                            EnrollmentStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getObject(5, OffsetDateTime.class));
                    Delta one = new Delta();
                    one.add(c, 1);
                    cells.computeIfAbsent(cellOf(c), k -> new Delta()).plus(one);
                });
        jdbc.update("DELETE FROM enrollment_day_reason");
        jdbc.update("DELETE FROM enrollment_day");
        StringBuilder columns = new StringBuilder("unit_path, ist_day, submitted, accepted, rejected, review");
        for (int k = 0; k < DecisionTimeBuckets.COUNT; k++) {
            columns.append(", ").append(DecisionTimeBuckets.column(k));
        }
        String marks = "?" + ", ?".repeat(5 + DecisionTimeBuckets.COUNT);
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> reasons = new ArrayList<>();
        for (Map.Entry<Cell, Delta> e : cells.entrySet()) {
            Object[] row = new Object[6 + DecisionTimeBuckets.COUNT];
            row[0] = e.getKey().unitPath();
            row[1] = e.getKey().istDay();
            for (int i = 0; i < 4; i++) {
                row[2 + i] = e.getValue().byStatus[i];
            }
            for (int k = 0; k < DecisionTimeBuckets.COUNT; k++) {
                row[6 + k] = e.getValue().decided[k];
            }
            rows.add(row);
            e.getValue().rejectedBy.forEach((code, n) -> reasons.add(new Object[] {e.getKey().unitPath(),
                    e.getKey().istDay(), code, n}));
            if (rows.size() == 1000) {
                jdbc.batchUpdate("INSERT INTO enrollment_day (" + columns + ") VALUES (" + marks + ")", rows);
                rows.clear();
            }
        }
        jdbc.batchUpdate("INSERT INTO enrollment_day (" + columns + ") VALUES (" + marks + ")", rows);
        jdbc.batchUpdate("INSERT INTO enrollment_day_reason (unit_path, ist_day, code, rejected) VALUES (?, ?, ?, ?)",
                reasons);
    }
}
