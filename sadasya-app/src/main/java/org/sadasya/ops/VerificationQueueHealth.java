package org.sadasya.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The verifier's queue: how many enrolments wait, and for how long the oldest has. A backlog is not
 * an outage (every enrolment is already stored and answered 202), so the status stays UP; the
 * numbers are for the operator and for alerts on {@code sadasya.queue.pending}.
 */
public final class VerificationQueueHealth implements HealthIndicator {

    private final JdbcClient jdbc;
    private final Clock clock;

    public VerificationQueueHealth(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Health health() {
        record Waiting(long count, OffsetDateTime oldest) {}
        Waiting w = jdbc.sql("SELECT COUNT(*), MIN(created_at) FROM verification_job WHERE status IN ('QUEUED', 'RUNNING')")
                .query((rs, i) -> new Waiting(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).single();
        Health.Builder h = Health.up().withDetail("pending", w.count());
        if (w.oldest() != null) {
            h.withDetail("oldestWaitingSeconds", Math.max(0, Duration.between(w.oldest().toInstant(), clock.instant()).toSeconds()));
        }
        return h.build();
    }
}
