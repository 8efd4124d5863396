package org.sadasya.security;

/** What a user may do: ADMIN everything; REVIEWER an org unit and below; WORKER enrol at its booths. */
public enum Role {
    ADMIN, REVIEWER, WORKER
}
