package org.sadasya.security;

/**
 * The authenticated caller: id, role and the path of its scope unit (null for ADMIN).
 */
public record Actor(long userId, String username, Role role, Long scopeUnitId, String scopePath) {

    /** Whether the caller's scope covers {@code unit} (ADMIN covers everything). */
    public boolean covers(ScopedUnit unit) {
        return role == Role.ADMIN || (scopePath != null && unit.path() != null && unit.path().startsWith(scopePath));
    }

    public boolean covers(String unitPath) {
        return role == Role.ADMIN || (scopePath != null && unitPath != null && unitPath.startsWith(scopePath));
    }

    /** How the audit log names this caller. */
    public String auditName() {
        return username + "#" + userId;
    }
}
