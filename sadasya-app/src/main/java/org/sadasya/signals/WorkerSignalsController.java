package org.sadasya.signals;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code GET /api/v1/workers/signals?orgUnitId=}: the workers with enrolments below a unit, ranked by
 * their signals ({@link ComputeWorkerSignals#RANKING}). REVIEWER and ADMIN only, within their scope;
 * the unit defaults to the caller's own (everything for an ADMIN). Read-only, so not audited.
 */
@RestController
@RequestMapping("/api/v1/workers/signals")
@Tag(name = "workers")
public class WorkerSignalsController {

    /** An enrolment named in a signal's evidence, enough to list it and open it for review. */
    public record Case(String submissionId, String at, String status) {}

    public record WorkerSignals(long workerId, String name, Long unitId, String unitName, String unitNameHi,
            int enrolments, int accepted, int rejected, int review, List<Signal> signals, List<Case> cases) {}

    private final SignalEnrolments enrolments;
    private final OrgUnitRepository units;
    private final ComputeWorkerSignals compute;

    public WorkerSignalsController(SignalEnrolments enrolments, OrgUnitRepository units, ComputeWorkerSignals compute) {
        this.enrolments = enrolments;
        this.units = units;
        this.compute = compute;
    }

    @GetMapping
    @Operation(summary = "Workers below a unit (default: my own) with their fraud signals and evidence, ranked")
    public List<WorkerSignals> list(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) Long orgUnitId) {
        if (actor.role() != Role.REVIEWER && actor.role() != Role.ADMIN) {
            throw ApiException.forbidden();
        }
        String path = scopePath(actor, orgUnitId);
        List<WorkerEnrolment> all = enrolments.below(path);
        Map<String, WorkerEnrolment> bySubmission = new HashMap<>();
        all.forEach(e -> bySubmission.put(e.submissionId(), e));
        List<ComputeWorkerSignals.WorkerResult> ranked = compute.compute(all);
        Map<Long, SignalEnrolments.WorkerInfo> info = enrolments.workers(
                ranked.stream().map(ComputeWorkerSignals.WorkerResult::workerId).toList());
        return ranked.stream().map(r -> {
            SignalEnrolments.WorkerInfo w = info.get(r.workerId());
            return new WorkerSignals(r.workerId(), w == null ? null : w.name(), w == null ? null : w.unitId(),
                    w == null ? null : w.unitName(), w == null ? null : w.unitNameHi(), r.enrolments(), r.accepted(),
                    r.rejected(), r.review(), r.signals(), cases(r, bySubmission));
        }).toList();
    }

    private String scopePath(Actor actor, Long orgUnitId) {
        if (orgUnitId == null) {
            if (actor.role() == Role.ADMIN) {
                return "/";
            }
            if (actor.scopePath() == null) {
                throw ApiException.forbidden();
            }
            return actor.scopePath();
        }
        // a unit outside the caller's scope is answered as if it did not exist, as GET /api/v1/org-units/{id} does
        return units.find(orgUnitId).filter(actor::covers).map(OrgUnit::path)
                .orElseThrow(() -> ApiException.notFound("org-unit"));
    }

    @SuppressWarnings("unchecked")
    private static List<Case> cases(ComputeWorkerSignals.WorkerResult r, Map<String, WorkerEnrolment> bySubmission) {
        Map<String, Case> out = new LinkedHashMap<>();
        for (Signal s : r.signals()) {
            for (String id : (List<String>) s.evidence().get("submissionIds")) {
                WorkerEnrolment e = bySubmission.get(id);
                out.computeIfAbsent(id, k -> new Case(id, e.at() == null ? null : e.at().toString(), e.status()));
            }
        }
        return List.copyOf(out.values());
    }
}
