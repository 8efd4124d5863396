package org.sadasya.org;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sadasya.audit.AuditLog;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The party hierarchy. ADMIN creates anywhere; a REVIEWER below its own unit. */
@RestController
@RequestMapping("/api/v1/org-units")
@Tag(name = "org-units")
public class OrgUnitController {

    private final OrgUnitRepository units;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final UnitImport unitImport;

    public OrgUnitController(OrgUnitRepository units, AuditLog audit, TransactionTemplate tx) {
        this.units = units;
        this.unitImport = new UnitImport(units);
        this.audit = audit;
        this.tx = tx;
    }

    public record NewOrgUnit(Long parentId, String level, String code, String name, String nameHi, Double latitude,
            Double longitude, Double radiusMeters) {}

    @PostMapping
    @Operation(summary = "Create an org unit (state, district, block, mandalam, sector or booth)")
    public ResponseEntity<OrgUnit> create(@AuthenticationPrincipal Actor actor, @RequestBody NewOrgUnit req) {
        if (actor.role() == Role.WORKER) {
            throw ApiException.forbidden();
        }
        OrgLevel level = parseLevel(req.level());
        String code = required("code", req.code(), 64);
        String name = required("name", req.name(), 200);
        if (req.nameHi() != null && req.nameHi().length() > 200) {
            throw ApiException.fieldInvalid("nameHi", "field.tooLong");
        }
        OrgUnit parent = null;
        if (level == OrgLevel.STATE) {
            if (req.parentId() != null) {
                throw ApiException.fieldInvalid("parentId", "field.stateHasNoParent");
            }
            if (actor.role() != Role.ADMIN) {
                throw ApiException.forbidden();
            }
        } else {
            if (req.parentId() == null) {
                throw ApiException.fieldInvalid("parentId", "field.required");
            }
            parent = units.find(req.parentId()).orElseThrow(() -> ApiException.fieldInvalid("parentId", "field.parent"));
            if (parent.level().ordinal() >= level.ordinal()) {
                throw ApiException.fieldInvalid("level", "field.levelBelowParent");
            }
            if (!actor.covers(parent)) {
                throw ApiException.forbidden();
            }
        }
        checkLocation(level, req);
        OrgUnit p = parent;
        OrgUnit created = tx.execute(s -> {
            if (units.codeExists(code)) {
                throw new ApiException(HttpStatus.CONFLICT, "ORG_UNIT_CODE_TAKEN", null, Map.of("code", code));
            }
            OrgUnit u = units.insert(p, level, code, name, req.nameHi(), req.latitude(), req.longitude(),
                    req.radiusMeters());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("level", level.name());
            detail.put("code", code);
            detail.put("parentId", u.parentId());
            audit.record(actor.auditName(), "ORG_UNIT_CREATED", "org_unit", u.id(), detail);
            return u;
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    /** Larger than any state's booth list (100 000 rows of about 100 bytes). */
    static final long MAX_IMPORT_BYTES = 32L << 20;

    @PostMapping(path = "/import", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @Operation(summary = "Import units (booths) from a UTF-8 CSV: code,name,name_hi,parent_code,latitude,longitude,radius_m[,level];"
            + " a report of the rows created, unchanged and refused")
    public UnitImport.Report importUnits(@AuthenticationPrincipal Actor actor, HttpServletRequest request)
            throws IOException {
        if (actor.role() == Role.WORKER) {
            throw ApiException.forbidden();
        }
        if (request.getContentLengthLong() > MAX_IMPORT_BYTES) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "FILE_TOO_LARGE", null, Map.of("maxBytes", MAX_IMPORT_BYTES));
        }
        byte[] body = request.getInputStream().readNBytes((int) MAX_IMPORT_BYTES + 1);
        if (body.length > MAX_IMPORT_BYTES) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "FILE_TOO_LARGE", null, Map.of("maxBytes", MAX_IMPORT_BYTES));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "CSV_NOT_UTF8");
        }
        String fileHash = org.sadasya.common.Hashes.sha256Hex(body);
        try {
            return tx.execute(s -> {
                UnitImport.Report report;
                try {
                    report = unitImport.run(actor, new StringReader(text));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (UnitImport.UnreadableFile e) {
                    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "CSV_UNREADABLE", null,
                            Map.of("missingColumns", e.missingColumns(), "requiredColumns", UnitImport.REQUIRED_COLUMNS));
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("sha256", fileHash);
                detail.put("rows", report.rows());
                detail.put("created", report.created());
                detail.put("unchanged", report.unchanged());
                detail.put("refused", report.refused().size());
                audit.record(actor.auditName(), "ORG_UNITS_IMPORTED", "org_unit_import", fileHash, detail);
                return report;
            });
        } catch (UncheckedIOException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "CSV_UNREADABLE", null,
                    Map.of("missingColumns", List.of(), "requiredColumns", UnitImport.REQUIRED_COLUMNS));
        }
    }

    @GetMapping("/{id}")
    @Operation(summary = "One unit, when it is in the caller's scope or above it")
    public OrgUnit get(@AuthenticationPrincipal Actor actor, @PathVariable long id) {
        return units.find(id).filter(u -> visible(actor, u)).orElseThrow(() -> ApiException.notFound("org-unit"));
    }

    @GetMapping
    @Operation(summary = "The children of a unit (the states when parentId is absent) that are in the caller's scope or above it")
    public List<OrgUnit> children(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) Long parentId) {
        return units.children(parentId).stream().filter(u -> visible(actor, u)).toList();
    }

    /** The units of the caller's subtree, and those above it (its own district, state …), not the siblings. */
    static boolean visible(Actor actor, OrgUnit unit) {
        return actor.covers(unit) || (actor.scopePath() != null && actor.scopePath().startsWith(unit.path()));
    }

    private static OrgLevel parseLevel(String level) {
        if (level == null) {
            throw ApiException.fieldInvalid("level", "field.required");
        }
        try {
            return OrgLevel.valueOf(level.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.fieldInvalid("level", "field.level");
        }
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.fieldInvalid(field, "field.required");
        }
        if (value.strip().length() > max) {
            throw ApiException.fieldInvalid(field, "field.tooLong");
        }
        return value.strip();
    }

    private static void checkLocation(OrgLevel level, NewOrgUnit req) {
        UnitRules.Problem p = UnitRules.location(req.latitude(), req.longitude(), req.radiusMeters());
        if (p == null && level == OrgLevel.BOOTH && (req.latitude() == null || req.radiusMeters() == null)) {
            p = new UnitRules.Problem(req.latitude() == null ? "latitude" : "radiusMeters", "field.required");
        }
        if (p != null) {
            throw ApiException.fieldInvalid(p.field(), p.messageKey());
        }
    }
}
