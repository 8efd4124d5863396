package org.sadasya.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Login attempts allowed per username and per client address, each a token bucket (Bucket4j) that
 * refills over a window. Per username it stops password guessing on one account; per address it
 * stops one machine trying many accounts, with room for carrier-grade NAT, where hundreds of
 * workers' phones share one public address. The limits only slow a login: intake is never
 * throttled, so an outbox arriving after days still gets its 202s.
 *
 * <p>Buckets live in memory, at most {@link #MAX_KEYS} per kind (least recently used dropped), so
 * random usernames cannot grow the heap; a restart or a second node starts afresh.
 */
@Component
public class LoginThrottle {

    static final int MAX_KEYS = 100_000;

    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Map<String, Bucket> byUser = lru();
    private final Map<String, Bucket> byAddress = lru();

    public LoginThrottle(@Value("${sadasya.login.per-user-attempts:10}") int perUser,
            @Value("${sadasya.login.per-address-attempts:300}") int perAddress,
            @Value("${sadasya.login.window:15m}") Duration window) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
    }

    /** Takes one attempt for both; empty when allowed, else the seconds until the next is. */
    public OptionalLong attempt(String username, String address) {
        ConsumptionProbe a = bucket(byAddress, address == null ? "?" : address, perAddress)
                .tryConsumeAndReturnRemaining(1);
        if (!a.isConsumed()) {
            return OptionalLong.of(seconds(a));
        }
        String user = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        ConsumptionProbe u = bucket(byUser, user.length() > 100 ? user.substring(0, 100) : user, perUser)
                .tryConsumeAndReturnRemaining(1);
        return u.isConsumed() ? OptionalLong.empty() : OptionalLong.of(seconds(u));
    }

    private Bucket bucket(Map<String, Bucket> buckets, String key, int attempts) {
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(attempts, window).build())
                .build());
    }

    private static long seconds(ConsumptionProbe p) {
        return Math.max(1, (p.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    private static Map<String, Bucket> lru() {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_KEYS;
            }
        });
    }
}
