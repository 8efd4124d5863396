package org.sadasya.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.sadasya.audit.AuditLog;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.web.ApiException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code enrollments.csv} and {@code members.csv} of a unit's subtree, for a REVIEWER or ADMIN whose
 * scope covers it. Written straight to the response while the rows are read (synchronously: an
 * async response would meet the request timeout on a state's export). Each export is audited with
 * who asked for which scope.
 */
@RestController
@RequestMapping("/api/v1/export")
@Tag(name = "export")
public class ExportController {

    static final String CSV = "text/csv; charset=UTF-8";

    private final OrgUnitRepository units;
    private final AuditLog audit;
    private final CsvStream csv;
    private final ExportRows rows;

    public ExportController(OrgUnitRepository units, AuditLog audit, DataSource dataSource,
            PlatformTransactionManager transactions, ObjectMapper json) {
        this.units = units;
        this.audit = audit;
        this.csv = new CsvStream(dataSource, transactions);
        this.rows = new ExportRows(json);
    }

    @GetMapping("/enrollments.csv")
    @Operation(summary = "Every enrolment in the unit's subtree with its decision, reason codes and review (CSV, UTF-8 with BOM)")
    public void enrollments(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) Long orgUnitId,
            HttpServletResponse response) throws IOException {
        String path = start(actor, orgUnitId, "enrollments", response);
        csv.write(response.getOutputStream(), ExportRows.ENROLLMENT_HEADER, ExportRows.ENROLLMENTS,
                new Object[] {path + "%"}, rows::enrollment);
    }

    @GetMapping("/members.csv")
    @Operation(summary = "Every member issued in the unit's subtree with the enrolment's decision (CSV, UTF-8 with BOM)")
    public void members(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) Long orgUnitId,
            HttpServletResponse response) throws IOException {
        String path = start(actor, orgUnitId, "members", response);
        csv.write(response.getOutputStream(), ExportRows.MEMBER_HEADER, ExportRows.MEMBERS, new Object[] {path + "%"},
                rows::member);
    }

    /** Checks the caller and scope, audits the export and sets the headers; returns the scope's path. */
    private String start(Actor actor, Long orgUnitId, String kind, HttpServletResponse response) {
        if (actor.role() != Role.REVIEWER && actor.role() != Role.ADMIN) {
            throw ApiException.forbidden();
        }
        Long unitId = orgUnitId != null ? orgUnitId : actor.scopeUnitId();
        String path;
        String code;
        if (unitId == null) {
            path = "/"; // an admin without a unit: the whole country
            code = null;
        } else {
            OrgUnit unit = units.find(unitId).filter(actor::covers).orElseThrow(() -> ApiException.notFound("orgUnit"));
            path = unit.path();
            code = unit.code();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("export", kind);
        detail.put("orgUnitCode", code);
        audit.record(actor.auditName(), "EXPORTED", "org_unit", unitId == null ? "all" : unitId, detail);
        response.setContentType(CSV);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(kind + (code == null ? "" : "-" + code) + ".csv").build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return path;
    }
}
