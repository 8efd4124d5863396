package org.sadasya.ops;

import org.sadasya.audit.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.web.ApiException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit")
public class AuditController {

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Audit entries of one entity, or the latest entries (ADMIN)")
    public List<AuditLog.Entry> entries(@AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
            @RequestParam(defaultValue = "100") int limit) {
        if (actor.role() != Role.ADMIN) {
            throw ApiException.forbidden();
        }
        if (entityType != null && entityId != null) {
            return audit.forEntity(entityType, entityId);
        }
        return audit.latest(Math.max(1, Math.min(limit, 1000)));
    }
}
