package org.sadasya.decision;

import java.time.Instant;

/**
 * Port: judges the ticket an enrolment names and, when it is genuine, this worker's and in time,
 * claims it for the submission (single use). Claiming again for the same submission — a retried
 * verification job — changes nothing and answers as the first time.
 */
public interface ChallengeTickets {

    /**
     * @param capturedAt when the phone says the capture was taken (the receipt time when it says nothing)
     * @param receivedAt when the service stored the submission
     */
    TicketStatus redeem(long workerId, String submissionId, CaptureChallenge challenge, Instant capturedAt,
            Instant receivedAt);
}
