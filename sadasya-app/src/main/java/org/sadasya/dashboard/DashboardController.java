package org.sadasya.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sadasya.org.OrgLevel;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.web.ApiException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Progress of the drive for one unit of a reviewer's scope: totals, per IST day, per child unit and
 * per worker, the rules that reject most, the median time to a decision and the review backlog.
 * Read-only, so nothing is audited. As elsewhere a unit that does not exist is 404 and one outside
 * the caller's scope 403 (units are not secret; their enrolments are).
 */
@RestController
@RequestMapping("/api/v1/dashboard")
@Tag(name = "dashboard")
public class DashboardController {

    static final int MAX_WORKERS = 1000;

    private final DashboardQueries queries;
    private final DayCountQueries dayCounts;
    private final OrgUnitRepository units;

    DashboardController(DashboardQueries queries, DayCountQueries dayCounts, OrgUnitRepository units) {
        this.queries = queries;
        this.dayCounts = dayCounts;
        this.units = units;
    }

    @GetMapping
    @Operation(summary = "Totals, per IST day and per child unit, top rejection reasons, median time to decision and"
            + " backlog for a unit of my scope (default: my own unit); from/to are IST days, inclusive")
    public Dashboard dashboard(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) Long orgUnitId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        OrgUnit unit = unitInScope(actor, orgUnitId);
        Window window = Window.parse(from, to);
        String path = pathOf(unit);
        List<OrgUnit> children = units.children(unit == null ? null : unit.id());
        UnitCounts source = readsEnrolments(unit, children) ? queries : dayCounts;
        Counts totals = source.totals(path, window);
        return new Dashboard(unit == null ? null : Dashboard.Unit.of(unit), ancestors(actor, unit), totals.submitted(),
                totals.accepted(), totals.rejected(), totals.review(), days(source.byDay(path, window), window),
                children(source, path, children, window), source.topRejectionReasons(path, window),
                source.medianDecisionSeconds(path, window), source.medianEstimated(), queries.backlog(path));
    }

    /**
     * The day counts are kept per booths' parent, so they cannot split a unit into booths: a booth's
     * dashboard and one with booths among its children read the enrolments (a sector's few thousand).
     */
    static boolean readsEnrolments(OrgUnit unit, List<OrgUnit> children) {
        return unit != null && (unit.level() == OrgLevel.BOOTH || children.stream().anyMatch(c -> c.level() == OrgLevel.BOOTH));
    }

    @GetMapping("/workers")
    @Operation(summary = "Per worker who enrolled in a unit of my scope: the same four numbers, most submitted first")
    public List<DashboardQueries.WorkerCounts> workers(@AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) Long orgUnitId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "200") int limit) {
        OrgUnit unit = unitInScope(actor, orgUnitId);
        return queries.byWorker(pathOf(unit), Window.parse(from, to), Math.max(1, Math.min(limit, MAX_WORKERS)));
    }

    /** The unit asked for, or the caller's own; null for an admin who names none: everything, the states as children. */
    private OrgUnit unitInScope(Actor actor, Long orgUnitId) {
        if (actor.role() != Role.REVIEWER && actor.role() != Role.ADMIN) {
            throw ApiException.forbidden();
        }
        Long id = orgUnitId != null ? orgUnitId : actor.scopeUnitId();
        if (id == null) {
            return null;
        }
        OrgUnit unit = units.find(id).orElseThrow(() -> ApiException.notFound("org-unit"));
        if (!actor.covers(unit)) {
            throw ApiException.forbidden();
        }
        return unit;
    }

    /** From the caller's own unit (an admin: the top) down to the unit's parent; the ids are the path's. */
    private List<Dashboard.Unit> ancestors(Actor actor, OrgUnit unit) {
        List<Dashboard.Unit> out = new ArrayList<>();
        if (unit == null) {
            return out;
        }
        for (String segment : unit.path().split("/")) {
            if (segment.isEmpty() || Long.parseLong(segment) == unit.id()) {
                continue;
            }
            units.find(Long.parseLong(segment)).filter(actor::covers).map(Dashboard.Unit::of).ifPresent(out::add);
        }
        return out;
    }

    private static List<Dashboard.Child> children(UnitCounts source, String path, List<OrgUnit> children, Window window) {
        if (children.isEmpty()) {
            return List.of();
        }
        Map<String, Counts> counts = source.byChildPath(path, window);
        return children.stream().map(c -> Dashboard.Child.of(c, counts.getOrDefault(c.path(), Counts.NONE))).toList();
    }

    private static String pathOf(OrgUnit unit) {
        return unit == null ? "/" : unit.path();
    }

    /** Every day of the window, or of the data when the window is open, so a chart shows quiet days as zeros. */
    static List<Dashboard.Day> days(Map<LocalDate, Counts> byDay, Window window) {
        if (byDay.isEmpty() && (window.from() == null || window.to() == null)) {
            return List.of();
        }
        java.util.NavigableMap<LocalDate, Counts> sorted = new java.util.TreeMap<>(byDay);
        // the data's days lie inside the window, so an open end is the data's
        LocalDate first = window.from() != null ? window.from() : sorted.firstKey();
        LocalDate last = window.to() != null ? window.to() : sorted.lastKey();
        List<Dashboard.Day> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last) && out.size() < MAX_DAYS; d = d.plusDays(1)) {
            out.add(Dashboard.Day.of(d, sorted.getOrDefault(d, Counts.NONE)));
        }
        return out;
    }

    /** A drive runs for weeks; a longer window still answers, with its first {@value} days. */
    static final int MAX_DAYS = 400;
}
