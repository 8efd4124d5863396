package org.sadasya.org;

import java.util.Objects;
import org.sadasya.security.ScopedUnit;

/**
 * One unit of the hierarchy. Booths carry a location and a radius (metres) for the field-presence rule.
 *
 * @param path materialised path of ids, e.g. {@code /1/4/9/}: the subtree of a unit is every unit whose path starts with it
 */
public record OrgUnit(long id, Long parentId, OrgLevel level, String code, String name, String nameHi, Double latitude,
        Double longitude, Double radiusMeters, String path) implements ScopedUnit {

    public OrgUnit {
        Objects.requireNonNull(level);
        Objects.requireNonNull(code);
        Objects.requireNonNull(name);
    }

    /** Whether {@code other} is this unit or lies below it. */
    public boolean covers(OrgUnit other) {
        return other.path().startsWith(path);
    }
}
