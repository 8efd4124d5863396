package org.sadasya.security;

/** A person who logs in. The password hash is BCrypt; the scope is an org unit (null for ADMIN). */
public record UserAccount(long id, String username, String passwordHash, Role role, String name, String mobile,
        Long orgUnitId, boolean active) {

    @Override
    public String toString() {
        return "UserAccount[id=" + id + ", username=" + username + ", role=" + role + "]"; // never the hash
    }
}
