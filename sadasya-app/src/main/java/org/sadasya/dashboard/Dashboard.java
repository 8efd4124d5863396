package org.sadasya.dashboard;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/dashboard}: one unit's numbers over a receipt window.
 *
 * @param ancestors the units from the caller's own scope unit down to this one's parent, for a breadcrumb
 * @param byDay     every IST day from the window's first to its last (or the data's, when the window is open), gaps as zeros
 * @param byChild   every child unit, with zeros for those without enrolments
 * @param medianEstimated the median comes from time buckets (within its bucket, at most 41 % off),
 *                  as for a unit above the booths' parents; otherwise it is computed from every decision
 */
public record Dashboard(Unit orgUnit, List<Unit> ancestors, long submitted, long accepted, long rejected, long review,
        List<Day> byDay, List<Child> byChild, List<DashboardQueries.ReasonCount> topRejectionReasons,
        Double medianDecisionSeconds, boolean medianEstimated, DashboardQueries.Backlog backlog) {

    public record Unit(long id, String level, String code, String name, String nameHi) {
        static Unit of(org.sadasya.org.OrgUnit u) {
            return new Unit(u.id(), u.level().name(), u.code(), u.name(), u.nameHi());
        }
    }

    public record Day(LocalDate day, long submitted, long accepted, long rejected, long review) {
        static Day of(LocalDate day, Counts c) {
            return new Day(day, c.submitted(), c.accepted(), c.rejected(), c.review());
        }
    }

    public record Child(long orgUnitId, String name, String nameHi, String level, long submitted, long accepted,
            long rejected, long review) {
        static Child of(org.sadasya.org.OrgUnit u, Counts c) {
            return new Child(u.id(), u.name(), u.nameHi(), u.level().name(), c.submitted(), c.accepted(), c.rejected(),
                    c.review());
        }
    }
}
