package org.sadasya.decision;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.challenge.ChallengeStep;

/**
 * The challenge an enrolment says its burst followed: the ticket's fields as the phone sent them
 * (not yet trusted: {@link ChallengeTickets} judges them) and the burst's timing.
 */
public record CaptureChallenge(String challengeId, List<ChallengeStep> steps, Instant issuedAt, Instant expiresAt,
        String signature, List<Long> frameTimesMs, List<Long> stepStartsMs) {

    public CaptureChallenge {
        Objects.requireNonNull(challengeId, "challengeId");
        steps = List.copyOf(steps);
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(signature, "signature");
        frameTimesMs = List.copyOf(frameTimesMs);
        stepStartsMs = List.copyOf(stepStartsMs);
    }

    public BurstTiming timing() {
        return new BurstTiming(steps, stepStartsMs, frameTimesMs);
    }
}
