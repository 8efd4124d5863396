package org.sadasya.challenge;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sadasya.common.Times;
import org.sadasya.face.challenge.ChallengeStep;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The issued tickets and their single-use claims (table {@code challenge_ticket}). */
public final class TicketRepository {

    private final JdbcClient jdbc;

    public TicketRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A ticket as the server issued it, with its claim. */
    public record IssuedTicket(String challengeId, long workerId, List<ChallengeStep> steps, Instant issuedAt,
            Instant expiresAt, String claimedBy) {}

    /** What claiming a ticket for a submission found. */
    public enum Claim {
        /** The ticket is now (or was already) this submission's. */
        CLAIMED,
        /** Another submission used the ticket first. */
        USED_BY_ANOTHER,
        /** No such ticket was issued. */
        UNKNOWN
    }

    public void insert(ChallengeTicket t, long workerId) {
        jdbc.sql("INSERT INTO challenge_ticket (challenge_id, worker_id, steps, issued_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(t.challengeId(), workerId, String.join(",", t.steps().stream().map(Enum::name).toList()),
                        Times.at(t.issuedAt()), Times.at(t.expiresAt()))
                .update();
    }

    /** Deletes the tickets that expired before {@code cutoff}; returns how many. */
    public int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM challenge_ticket WHERE expires_at < ?").param(Times.at(cutoff)).update();
    }

    public Optional<IssuedTicket> find(String challengeId) {
        return jdbc.sql("SELECT challenge_id, worker_id, steps, issued_at, expires_at, claimed_by FROM challenge_ticket"
                        + " WHERE challenge_id = ?")
                .param(challengeId)
                .query((rs, i) -> new IssuedTicket(rs.getString(1), rs.getLong(2),
                        Arrays.stream(rs.getString(3).split(",")).map(ChallengeStep::valueOf).toList(),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject(5, java.time.OffsetDateTime.class).toInstant(), rs.getString(6)))
                .optional();
    }

    /**
     * Claims the ticket for {@code submissionId}, once: the conditional update lets exactly one of
     * two racing submissions win, and claiming again for the same submission (a retried
     * verification job) changes nothing and answers {@link Claim#CLAIMED}.
     */
    public Claim claim(String challengeId, String submissionId, Instant at) {
        int won = jdbc.sql("UPDATE challenge_ticket SET claimed_by = ?, claimed_at = ?"
                        + " WHERE challenge_id = ? AND claimed_by IS NULL")
                .params(submissionId, Times.at(at), challengeId)
                .update();
        if (won == 1) {
            return Claim.CLAIMED;
        }
        Optional<String> holder = jdbc.sql("SELECT claimed_by FROM challenge_ticket WHERE challenge_id = ?")
                .param(challengeId).query(String.class).optional();
        if (holder.isEmpty()) {
            return Claim.UNKNOWN;
        }
        return submissionId.equals(holder.get()) ? Claim.CLAIMED : Claim.USED_BY_ANOTHER;
    }
}
