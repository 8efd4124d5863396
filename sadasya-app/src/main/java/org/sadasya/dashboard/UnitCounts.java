package org.sadasya.dashboard;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The numbers of one subtree and receipt window that a dashboard shows, from one of two sources
 * that agree: the enrolments themselves ({@link DashboardQueries}) or their day counts
 * ({@link DayCountQueries}), which hold the median only to its bucket.
 */
public interface UnitCounts {

    Counts totals(String unitPath, Window window);

    /** Per IST day that has enrolments. */
    Map<LocalDate, Counts> byDay(String unitPath, Window window);

    /** Per child unit below {@code unitPath}, keyed by the child's path. */
    Map<String, Counts> byChildPath(String unitPath, Window window);

    /** Rejections per rule, most first, rules that rejected none left out. */
    List<DashboardQueries.ReasonCount> topRejectionReasons(String unitPath, Window window);

    /** Receipt → final decision in seconds, null when none was decided. */
    Double medianDecisionSeconds(String unitPath, Window window);

    /** Whether {@link #medianDecisionSeconds} is estimated from buckets rather than computed from every decision. */
    boolean medianEstimated();
}
