package org.sadasya.challenge;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.sadasya.face.challenge.ChallengeSequences;
import org.sadasya.face.challenge.ChallengeStep;

/**
 * A single-use challenge ticket as handed to the worker's app (DESIGN.md, "Capture and challenge").
 * The app copies these fields unchanged into the enrolment's {@code challenge} object.
 *
 * @param challengeId a random UUID
 * @param steps       what both people are asked to do during the burst, in order
 * @param issuedAt    when the server issued it (whole seconds)
 * @param expiresAt   the last moment a capture may use it (whole seconds)
 * @param signature   HMAC-SHA256 (base64url) over id, worker, steps and both times: {@link TicketSignature}
 */
public record ChallengeTicket(String challengeId, List<ChallengeStep> steps, Instant issuedAt, Instant expiresAt,
        String signature) {

    public ChallengeTicket {
        Objects.requireNonNull(challengeId, "challengeId");
        steps = List.copyOf(steps);
        if (steps.size() < ChallengeSequences.MIN_STEPS) {
            throw new IllegalArgumentException("a ticket has at least " + ChallengeSequences.MIN_STEPS + " steps");
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.isBefore(issuedAt)) {
            throw new IllegalArgumentException("a ticket cannot expire before it is issued");
        }
        Objects.requireNonNull(signature, "signature");
    }
}
