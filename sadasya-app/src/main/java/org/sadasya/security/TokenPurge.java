package org.sadasya.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Removes expired tokens now and then ({@code sadasya.token-purge}, default hourly). */
@Component
public class TokenPurge {

    private static final Logger log = LoggerFactory.getLogger(TokenPurge.class);
    private final TokenService tokens;

    public TokenPurge(TokenService tokens) {
        this.tokens = tokens;
    }

    @Scheduled(fixedDelayString = "${sadasya.token-purge:1h}", initialDelayString = "${sadasya.token-purge:1h}")
    public void purge() {
        int purged = tokens.purgeExpired();
        if (purged > 0) {
            log.info("purged {} expired tokens", purged);
        }
    }
}
