package org.sadasya.verification;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.sadasya.common.Times;
import org.sadasya.enrollment.VerificationQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable verification queue in table {@code verification_job}. A job is claimed by a
 * conditional UPDATE (portable to H2 and PostgreSQL, no SKIP LOCKED needed) that sets a lease and
 * a fresh claim token; a job whose lease ran out — its verifier crashed or was stopped — is
 * claimed again. Completion is conditional on the claim token, so only the current claimant can
 * finish a job, and it finishes at most once.
 */
public final class JobQueue implements VerificationQueue {

    private static final String CLAIMABLE = "((status = 'QUEUED' AND (lease_until IS NULL OR lease_until <= ?))"
            + " OR (status = 'RUNNING' AND lease_until <= ?))";

    private final JdbcClient jdbc;
    private final Clock clock;

    public JobQueue(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Queues verification of an enrolment (inside the intake transaction). */
    @Override
    public void enqueue(long enrollmentId) {
        OffsetDateTime now = Times.now(clock);
        jdbc.sql("INSERT INTO verification_job (enrollment_id, status, attempts, created_at, updated_at)"
                        + " VALUES (?, 'QUEUED', 0, ?, ?)")
                .params(enrollmentId, now, now).update();
    }

    /** Claims the oldest claimable job for {@code lease}, or nothing when the queue is empty. */
    public Optional<ClaimedJob> claim(String node, Duration lease) {
        OffsetDateTime now = Times.now(clock);
        List<Long> candidates = jdbc.sql("SELECT id FROM verification_job WHERE " + CLAIMABLE + " ORDER BY id LIMIT 8")
                .params(now, now).query(Long.class).list();
        for (long id : candidates) {
            String token = node + ":" + UUID.randomUUID();
            int won = jdbc.sql("UPDATE verification_job SET status = 'RUNNING', attempts = attempts + 1,"
                            + " lease_until = ?, claimed_by = ?, updated_at = ? WHERE id = ? AND " + CLAIMABLE)
                    .params(now.plus(lease), token, now, id, now, now).update();
            if (won == 1) {
                return jdbc.sql("SELECT id, enrollment_id, attempts, claimed_by FROM verification_job WHERE id = ?")
                        .params(id)
                        .query((rs, i) -> new ClaimedJob(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4)))
                        .optional()
                        .filter(j -> token.equals(j.claimToken()));
            }
        }
        return Optional.empty();
    }

    /** Marks the job done if this claim still holds it (inside the deciding transaction); false if it was lost. */
    public boolean complete(ClaimedJob job) {
        return jdbc.sql("UPDATE verification_job SET status = 'DONE', lease_until = NULL, updated_at = ?"
                        + " WHERE id = ? AND status = 'RUNNING' AND claimed_by = ?")
                .params(Times.now(clock), job.id(), job.claimToken()).update() == 1;
    }

    /** Gives the job back after a failure, to be tried again after {@code backoff}. */
    public void release(ClaimedJob job, String error, Duration backoff) {
        OffsetDateTime now = Times.now(clock);
        jdbc.sql("UPDATE verification_job SET status = 'QUEUED', lease_until = ?, last_error = ?, updated_at = ?"
                        + " WHERE id = ? AND status = 'RUNNING' AND claimed_by = ?")
                .params(now.plus(backoff), truncate(error), now, job.id(), job.claimToken()).update();
    }

    /** Ends a job that keeps failing (inside the transaction that sends its enrolment to review). */
    public boolean fail(ClaimedJob job, String error) {
        return jdbc.sql("UPDATE verification_job SET status = 'FAILED', lease_until = NULL, last_error = ?,"
                        + " updated_at = ? WHERE id = ? AND status = 'RUNNING' AND claimed_by = ?")
                .params(truncate(error), Times.now(clock), job.id(), job.claimToken()).update() == 1;
    }

    public Optional<JobState> state(long enrollmentId) {
        return jdbc.sql("SELECT status, attempts FROM verification_job WHERE enrollment_id = ?").params(enrollmentId)
                .query((rs, i) -> new JobState(rs.getString(1), rs.getInt(2))).optional();
    }

    public long pending() {
        return jdbc.sql("SELECT COUNT(*) FROM verification_job WHERE status IN ('QUEUED', 'RUNNING')")
                .query(Long.class).single();
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    /** @param claimToken unique per claim: whoever holds it may complete the job */
    public record ClaimedJob(long id, long enrollmentId, int attempts, String claimToken) {}

    public record JobState(String status, int attempts) {}
}
