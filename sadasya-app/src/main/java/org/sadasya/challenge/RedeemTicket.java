package org.sadasya.challenge;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.sadasya.challenge.TicketRepository.IssuedTicket;
import org.sadasya.decision.CaptureChallenge;
import org.sadasya.decision.ChallengeTickets;
import org.sadasya.decision.TicketStatus;

/**
 * The {@link ChallengeTickets} adapter: the signature says whether the ticket is genuine and this
 * worker's; the issued row says, for one that is not, what was altered, and holds the single-use
 * claim. Only a genuine ticket of this worker that is in time is claimed, so that a forged or
 * copied ticket cannot use up the one its id names.
 */
public final class RedeemTicket implements ChallengeTickets {

    private final TicketSignature signature;
    private final TicketRepository tickets;
    private final Duration grace;

    public RedeemTicket(TicketSignature signature, TicketRepository tickets, Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace cannot be negative");
        }
        this.signature = signature;
        this.tickets = tickets;
        this.grace = grace;
    }

    @Override
    public TicketStatus redeem(long workerId, String submissionId, CaptureChallenge c, Instant capturedAt,
            Instant receivedAt) {
        if (!signature.matches(c.signature(), c.challengeId(), workerId, c.steps(), c.issuedAt(), c.expiresAt())) {
            return whyNotGenuine(workerId, c);
        }
        if (capturedAt.isAfter(c.expiresAt())) {
            return TicketStatus.TICKET_EXPIRED;
        }
        if (receivedAt.isAfter(c.expiresAt().plus(grace))) {
            return TicketStatus.TICKET_ARRIVED_LATE;
        }
        return switch (tickets.claim(c.challengeId(), submissionId, receivedAt)) {
            case CLAIMED -> TicketStatus.TICKET_VALID;
            case USED_BY_ANOTHER -> TicketStatus.TICKET_USED;
            case UNKNOWN -> TicketStatus.TICKET_UNKNOWN;
        };
    }

    private TicketStatus whyNotGenuine(long workerId, CaptureChallenge c) {
        Optional<IssuedTicket> issued = tickets.find(c.challengeId());
        if (issued.isEmpty()) {
            return TicketStatus.TICKET_FORGED;
        }
        if (issued.get().workerId() != workerId) {
            return TicketStatus.TICKET_OTHER_WORKER;
        }
        if (!issued.get().steps().equals(c.steps())) {
            return TicketStatus.TICKET_STEPS_CHANGED;
        }
        return TicketStatus.TICKET_FORGED;
    }
}
