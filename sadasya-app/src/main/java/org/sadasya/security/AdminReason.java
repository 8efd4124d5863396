package org.sadasya.security;

import org.sadasya.web.ApiException;

/** The reason an admin must give for an act that cannot be undone (a revocation, an erasure). */
public final class AdminReason {

    private AdminReason() {}

    /** The reason, stripped: 403 for anyone but an admin, 422 when it is blank or longer than 1000 characters. */
    public static String of(Actor actor, String reason) {
        if (actor.role() != Role.ADMIN) {
            throw ApiException.forbidden();
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw ApiException.fieldInvalid("reason", "field.required");
        }
        if (why.length() > 1000) {
            throw ApiException.fieldInvalid("reason", "field.tooLong");
        }
        return why;
    }
}
