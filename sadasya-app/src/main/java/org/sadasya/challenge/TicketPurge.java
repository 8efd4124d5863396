package org.sadasya.challenge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes ticket rows that can no longer matter ({@code sadasya.challenge.purge-every}, default
 * hourly). A genuine ticket arriving after its expiry and grace is judged TICKET_ARRIVED_LATE from
 * its signed times before its row is read, so the row is needed only until then; it is kept
 * {@code keep-after-grace} (30 days) longer, for a verification job retried after an outage, and so
 * that a copied ticket of that age is still told apart (another worker's, altered) from a forged one.
 * Without this the table grows by every ticket every worker's phone ever stocked.
 */
public class TicketPurge {

    private static final Logger log = LoggerFactory.getLogger(TicketPurge.class);
    private final TicketRepository tickets;
    private final Clock clock;
    private final Duration keep;

    /** @param keep how long after expiry a ticket's row stays: the grace and the keep after it */
    public TicketPurge(TicketRepository tickets, Clock clock, Duration keep) {
        this.tickets = tickets;
        this.clock = clock;
        this.keep = keep;
    }

    /** The tickets that expired before this are deleted. */
    Instant cutoff() {
        return clock.instant().minus(keep);
    }

    @Scheduled(fixedDelayString = "${sadasya.challenge.purge-every:1h}", initialDelayString = "${sadasya.challenge.purge-every:1h}")
    public int purge() {
        int deleted = tickets.deleteExpiredBefore(cutoff());
        if (deleted > 0) {
            log.info("deleted {} challenge tickets expired before {}", deleted, cutoff());
        }
        return deleted;
    }
}
