package org.sadasya.worker;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.security.UserAccount;
import org.sadasya.security.UserRepository;
import org.sadasya.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/me}: who is logged in, and for a worker the booths it may enrol at (centre and
 * radius, so the phone can warn about a coarse GPS fix while offline).
 */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "people")
public class CurrentUserController {

    /** More booths than a worker's scope ever holds (a sector has a few dozen). */
    static final int MAX_BOOTHS = 500;

    private final UserRepository users;
    private final OrgUnitRepository units;

    public CurrentUserController(UserRepository users, OrgUnitRepository units) {
        this.users = users;
        this.units = units;
    }

    public record Unit(long id, String level, String code, String name, String nameHi) {
        static Unit of(OrgUnit u) {
            return new Unit(u.id(), u.level().name(), u.code(), u.name(), u.nameHi());
        }
    }

    public record Booth(long id, String code, String name, String nameHi, Double latitude, Double longitude,
            Double radiusMeters) {
        static Booth of(OrgUnit u) {
            return new Booth(u.id(), u.code(), u.name(), u.nameHi(), u.latitude(), u.longitude(), u.radiusMeters());
        }
    }

    public record Me(long userId, String username, String name, String role, Unit unit, List<Booth> booths) {}

    @GetMapping
    @Operation(summary = "The logged-in user: role, unit and, for a worker, the booths in scope")
    public Me me(@AuthenticationPrincipal Actor actor) {
        UserAccount user = users.find(actor.userId())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED"));
        OrgUnit unit = actor.scopeUnitId() == null ? null : units.find(actor.scopeUnitId()).orElse(null);
        List<Booth> booths = actor.role() == Role.WORKER && unit != null
                ? units.boothsWithin(unit.path(), MAX_BOOTHS).stream().map(Booth::of).toList()
                : List.of();
        return new Me(user.id(), user.username(), user.name(), user.role().name(), unit == null ? null : Unit.of(unit),
                booths);
    }
}
