package org.sadasya.dashboard;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.sadasya.web.ApiException;

/**
 * The receipt days a dashboard counts, inclusive, as calendar days in India (IST): the bounds become
 * instants so that the database compares {@code received_at} against its index, never a computed day.
 *
 * @param from first day, or null for no lower bound
 * @param to   last day, or null for no upper bound
 */
public record Window(LocalDate from, LocalDate to) {

    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    public static Window parse(String from, String to) {
        Window w = new Window(day("from", from), day("to", to));
        if (w.from != null && w.to != null && w.to.isBefore(w.from)) {
            throw ApiException.fieldInvalid("to", "field.dayOrder");
        }
        return w;
    }

    private static LocalDate day(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.fieldInvalid(field, "field.day");
        }
    }

    /** {@code AND received_at ...} for the bounds that are set (empty when none), its parameters added to {@code params}. */
    private String sql(List<Object> params) {
        StringBuilder s = new StringBuilder();
        if (from != null) {
            s.append(" AND received_at >= ?");
            params.add(from.atStartOfDay(IST).toOffsetDateTime());
        }
        if (to != null) {
            s.append(" AND received_at < ?");
            params.add(to.plusDays(1).atStartOfDay(IST).toOffsetDateTime());
        }
        return s.toString();
    }

    /**
     * The subtree condition on {@code booth_path} and this window, with their parameters. The path
     * is written into the statement, not bound: PostgreSQL turns {@code LIKE '/1/4/%'} into an index
     * range, but a bound {@code LIKE ?} only in a plan made for the value; once the driver prepares
     * the statement on the server (its fifth run) the cached generic plan scans the whole index
     * (measured: a district's totals 160 ms instead of a few). A path holds only ids and slashes.
     */
    Filter within(String unitPath) {
        List<Object> params = new ArrayList<>();
        String sql = subtree(unitPath) + sql(params);
        return new Filter(sql, params);
    }

    /**
     * The same for the day counts ({@code enrollment_day}, by the booths' parent and IST day): the
     * subtree on {@code unit_path}, the window as epoch days.
     */
    Filter withinDays(String unitPath) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(prefix("unit_path", unitPath));
        if (from != null) {
            sql.append(" AND ist_day >= ?");
            params.add((int) from.toEpochDay());
        }
        if (to != null) {
            sql.append(" AND ist_day <= ?");
            params.add((int) to.toEpochDay());
        }
        return new Filter(sql.toString(), params);
    }

    /** {@code booth_path LIKE '<path>%'} for a unit's path, which must be {@code /} and ids ({@code /1/4/}). */
    static String subtree(String unitPath) {
        return prefix("booth_path", unitPath);
    }

    private static String prefix(String column, String unitPath) {
        if (!PATH.matcher(unitPath).matches()) {
            throw new IllegalArgumentException("not a unit path: " + unitPath);
        }
        return column + " LIKE '" + unitPath + "%'";
    }

    private static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile("/(\\d+/)*");

    /** A WHERE condition and its parameters, in order. */
    record Filter(String sql, List<Object> params) {}
}
