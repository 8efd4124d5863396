package org.sadasya.challenge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sadasya.common.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After repeated liveness failures a worker gets no new challenge tickets for a while: whoever holds
 * photos up to the camera cannot keep drawing fresh tickets to probe the check. It applies where
 * tickets are issued, never at intake, so an outbox that arrives days later still gets its 202s;
 * captures made without a ticket meanwhile go to a person (LIVENESS REVIEW).
 *
 * <p>A rolling window: with {@code failures} LIVENESS rejections in the last {@code window}, tickets
 * come again once enough of them are older than the window.
 */
public final class LivenessCoolDown {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final int failures;
    private final Duration window;

    public LivenessCoolDown(JdbcClient jdbc, ObjectMapper json, int failures, Duration window) {
        if (failures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a cool-down needs at least one failure and a positive window");
        }
        this.jdbc = jdbc;
        this.json = json;
        this.failures = failures;
        this.window = window;
    }

    /** When the worker may have tickets again, or empty when they may now. */
    public Optional<Instant> until(long workerId, Instant now) {
        List<Instant> failed = new ArrayList<>();
        jdbc.sql("SELECT decided_at, reasons_json FROM enrollment WHERE worker_id = ? AND status = 'REJECTED'"
                        + " AND decided_at > ? ORDER BY decided_at")
                .params(workerId, Times.at(now.minus(window)))
                .query((rs, i) -> {
                    if (livenessRejected(rs.getString(2))) {
                        failed.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                    }
                    return null;
                })
                .list();
        if (failed.size() < failures) {
            return Optional.empty();
        }
        // the window must lose (size − failures + 1) of them before fewer than `failures` remain
        return Optional.of(failed.get(failed.size() - failures).plus(window));
    }

    private boolean livenessRejected(String reasons) {
        if (reasons == null) {
            return false;
        }
        try {
            for (JsonNode r : json.readTree(reasons)) {
                if ("LIVENESS".equals(r.path("code").asText()) && "REJECT".equals(r.path("outcome").asText())) {
                    return true;
                }
            }
            return false;
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
