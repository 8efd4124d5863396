package org.sadasya.worker;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sadasya.audit.AuditLog;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.security.TokenService;
import org.sadasya.security.UserAccount;
import org.sadasya.security.UserRepository;
import org.sadasya.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Running the drive's accounts: list the people in scope, reset a password, deactivate or reactivate.
 * A reviewer manages the workers of its scope; an admin manages everyone but cannot deactivate itself.
 * A new password or a deactivation ends every session of that account at once.
 */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "people")
public class AccountController {

    static final int MAX_LIST = 500;

    private final People people;
    private final UserRepository users;
    private final OrgUnitRepository units;
    private final TokenService tokens;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    public AccountController(People people, UserRepository users, OrgUnitRepository units, TokenService tokens,
            PasswordEncoder passwords, AuditLog audit, TransactionTemplate tx) {
        this.people = people;
        this.users = users;
        this.units = units;
        this.tokens = tokens;
        this.passwords = passwords;
        this.audit = audit;
        this.tx = tx;
    }

    @GetMapping
    @Operation(summary = "The accounts in the caller's scope (optionally below a unit, of one role), by name")
    public List<People.Account> list(@AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) Long orgUnitId, @RequestParam(required = false) String role,
            @RequestParam(defaultValue = "200") int limit) {
        staffOnly(actor);
        String path = null;
        if (orgUnitId != null) {
            OrgUnit unit = units.find(orgUnitId).filter(actor::covers).orElseThrow(() -> ApiException.notFound("org-unit"));
            path = unit.path();
        }
        Role wanted = null;
        if (role != null && !role.isBlank()) {
            try {
                wanted = Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.fieldInvalid("role", "field.role");
            }
        }
        return people.list(actor, path, wanted, Math.max(1, Math.min(limit, MAX_LIST)));
    }

    public record NewPassword(String password) {}

    @PostMapping("/{id}/password")
    @Operation(summary = "Set a new password; the account's sessions end")
    public ResponseEntity<Void> resetPassword(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @RequestBody NewPassword req) {
        UserAccount target = manageable(actor, id);
        WorkerController.checkPassword(req.password());
        String hash = passwords.encode(req.password());
        tx.executeWithoutResult(s -> {
            users.setPasswordHash(target.id(), hash);
            int ended = tokens.revokeAll(target.id());
            audit.record(actor.auditName(), "PASSWORD_RESET", "user", target.id(), Map.of("sessionsEnded", ended));
        });
        return ResponseEntity.noContent().build();
    }

    public record Activity(Boolean active, String reason) {}

    @PostMapping("/{id}/active")
    @Operation(summary = "Deactivate (no login, no sending; sessions end) or reactivate an account")
    public People.Account setActive(@AuthenticationPrincipal Actor actor, @PathVariable long id,
            @RequestBody Activity req) {
        UserAccount target = manageable(actor, id);
        if (req.active() == null) {
            throw ApiException.fieldInvalid("active", "field.required");
        }
        if (!req.active() && target.id() == actor.userId()) {
            throw new ApiException(HttpStatus.CONFLICT, "CANNOT_DEACTIVATE_SELF");
        }
        String reason = req.reason() == null ? "" : req.reason().strip();
        if (reason.length() > 1000) {
            throw ApiException.fieldInvalid("reason", "field.tooLong");
        }
        tx.executeWithoutResult(s -> {
            users.setActive(target.id(), req.active());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reason", reason);
            if (!req.active()) {
                detail.put("sessionsEnded", tokens.revokeAll(target.id()));
            }
            audit.record(actor.auditName(), req.active() ? "USER_REACTIVATED" : "USER_DEACTIVATED", "user", target.id(),
                    detail);
        });
        return people.get(target.id());
    }

    /** The account, when the caller may manage it; a 404 otherwise (an account out of scope does not exist). */
    private UserAccount manageable(Actor actor, long id) {
        staffOnly(actor);
        UserAccount target = users.find(id).orElseThrow(() -> ApiException.notFound("user"));
        if (actor.role() == Role.ADMIN) {
            return target;
        }
        boolean inScope = target.orgUnitId() != null
                && units.find(target.orgUnitId()).map(actor::covers).orElse(false);
        if (!inScope) {
            throw ApiException.notFound("user");
        }
        if (target.role() != Role.WORKER) {
            throw ApiException.forbidden(); // a reviewer manages workers; reviewers are an admin's to manage
        }
        return target;
    }

    private static void staffOnly(Actor actor) {
        if (actor.role() == Role.WORKER) {
            throw ApiException.forbidden();
        }
    }
}
