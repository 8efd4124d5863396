package org.sadasya.challenge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sadasya.face.challenge.ChallengeStep;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues a stock of challenge tickets to the logged-in worker, so that the app can capture offline:
 * steps from the {@link ChallengeStepSource}, signed, stored unclaimed.
 */
public final class IssueChallenges {

    private final TicketRepository tickets;
    private final TicketSignature signature;
    private final ChallengeStepSource steps;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration lifetime;
    private final int maxCount;
    private final LivenessCoolDown coolDown;

    public IssueChallenges(TicketRepository tickets, TicketSignature signature, ChallengeStepSource steps,
            TransactionTemplate tx, Clock clock, Duration lifetime, int maxCount, LivenessCoolDown coolDown) {
        if (lifetime.isNegative() || lifetime.isZero() || maxCount < 1) {
            throw new IllegalArgumentException("a ticket needs a positive lifetime and a request at least one ticket");
        }
        this.tickets = tickets;
        this.signature = signature;
        this.steps = steps;
        this.tx = tx;
        this.clock = clock;
        this.lifetime = lifetime;
        this.maxCount = maxCount;
        this.coolDown = coolDown;
    }

    public List<ChallengeTicket> issue(Actor worker, Integer count) {
        if (worker.role() != Role.WORKER) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "problem.WORKER_ONLY_CHALLENGE", Map.of());
        }
        if (count == null) {
            throw ApiException.fieldInvalid("count", "field.required");
        }
        if (count < 1 || count > maxCount) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "FIELD_INVALID", "field.challengeCount",
                    Map.of("field", "count", "max", maxCount,
                            "errors", List.of(Map.of("field", "count", "code", "field.challengeCount"))),
                    1, maxCount);
        }
        Instant now = clock.instant();
        var coolingUntil = coolDown.until(worker.userId(), now);
        if (coolingUntil.isPresent()) {
            long wait = Math.max(1, Duration.between(now, coolingUntil.get()).toSeconds());
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "LIVENESS_COOL_DOWN", null,
                    Map.of("retryAfterSeconds", wait), Math.max(1, (wait + 3599) / 3600));
        }
        // Whole seconds: the times travel as ISO text and are signed as text, so no precision to lose.
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(lifetime);
        List<ChallengeTicket> issued = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            List<ChallengeStep> drawn = steps.next();
            issued.add(new ChallengeTicket(id, drawn, issuedAt, expiresAt,
                    signature.sign(id, worker.userId(), drawn, issuedAt, expiresAt)));
        }
        tx.executeWithoutResult(s -> issued.forEach(t -> tickets.insert(t, worker.userId())));
        return List.copyOf(issued);
    }
}
