package org.sadasya.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.sadasya.common.Hashes;
import org.sadasya.common.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Logs users in and resolves bearer tokens. Tokens are 256 random bits handed to the client once;
 * the database keeps only their SHA-256, so a database dump holds no usable token.
 */
public final class TokenService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final Duration ttl;

    public TokenService(JdbcClient jdbc, UserRepository users, PasswordEncoder passwords, Clock clock, Duration ttl) {
        this.jdbc = jdbc;
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** BCrypt reads at most 72 bytes (a longer password is refused by Spring's encoder, not truncated). */
    public static final int MAX_PASSWORD_BYTES = 72;

    /** The right password of a deactivated account: no token, and the person is told why. */
    public static final class AccountInactive extends Exception {
        AccountInactive() {
            super("account inactive", null, false, false);
        }
    }

    /** A new token for a valid username and password of an active account; empty otherwise. */
    public Optional<IssuedToken> login(String username, String password) throws AccountInactive {
        Optional<UserAccount> user = users.findByUsername(username == null ? "" : username);
        if (user.isEmpty() || password == null
                || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES
                || !passwords.matches(password, user.get().passwordHash())) {
            return Optional.empty();
        }
        if (!user.get().active()) {
            throw new AccountInactive(); // only with the right password, so it tells a guesser nothing
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        var expires = clock.instant().plus(ttl);
        jdbc.sql("INSERT INTO api_token (token_hash, user_id, expires_at) VALUES (?, ?, ?)")
                .params(hash(token), user.get().id(), Times.at(expires))
                .update();
        return Optional.of(new IssuedToken(token, ttl.toSeconds(), user.get()));
    }

    /** The caller a live token belongs to. */
    public Optional<Actor> resolve(String token) {
        return jdbc.sql("SELECT u.id, u.username, u.role, u.org_unit_id, o.path FROM api_token t"
                        + " JOIN app_user u ON u.id = t.user_id LEFT JOIN org_unit o ON o.id = u.org_unit_id"
                        + " WHERE t.token_hash = ? AND t.expires_at > ? AND u.active = TRUE")
                .params(hash(token), Times.now(clock))
                .query((rs, i) -> new Actor(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        rs.getObject(4, Long.class), rs.getString(5)))
                .optional();
    }

    /** Logout: the token stops working at once. Returns whether it was live. */
    public boolean revoke(String token) {
        return jdbc.sql("DELETE FROM api_token WHERE token_hash = ?").params(hash(token)).update() > 0;
    }

    /** Every token of a user stops working (a new password, a deactivation). Returns how many were live. */
    public int revokeAll(long userId) {
        return jdbc.sql("DELETE FROM api_token WHERE user_id = ?").params(userId).update();
    }

    /** Deletes the expired tokens (they no longer authenticate; this keeps the table small). */
    public int purgeExpired() {
        return jdbc.sql("DELETE FROM api_token WHERE expires_at <= ?").params(Times.now(clock)).update();
    }

    private static String hash(String token) {
        return Hashes.sha256Hex(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public record IssuedToken(String accessToken, long expiresInSeconds, UserAccount user) {}
}
