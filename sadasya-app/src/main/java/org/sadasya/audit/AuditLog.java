package org.sadasya.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.sadasya.common.Times;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only record of every state change and decision: who, when, what. Only INSERT and
 * SELECT exist here; the database refuses UPDATE and DELETE (triggers in the vendor migrations), and
 * each row is chained to the one before by its hash ({@link AuditChain}), so a change made with
 * the triggers turned off is still found by {@link AuditVerification}.
 *
 * <p>An entry takes the chain's head row lock until its transaction commits; that serialises the
 * audited transactions' commits. Call {@link #record} as the transaction's last write, so the lock is
 * held only for the commit and no other lock is taken after it (no lock-order deadlock).
 */
public final class AuditLog {

    private static final org.springframework.jdbc.core.RowMapper<Entry> ENTRY = (rs, i) -> new Entry(rs.getLong(1),
            rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            rs.getString(7));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;
    private final TransactionTemplate tx;

    /** {@code tx} joins the caller's transaction, or makes one when there is none. */
    public AuditLog(JdbcClient jdbc, Clock clock, ObjectMapper json, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
        this.tx = tx;
    }

    public void record(String actor, String action, String entityType, Object entityId, Map<String, ?> detail) {
        String text;
        try {
            text = json.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not serialisable", e);
        }
        String id = String.valueOf(entityId);
        tx.executeWithoutResult(status -> {
            String prev = jdbc.sql("SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                    .query(String.class).single();
            OffsetDateTime at = AuditChain.stored(Times.now(clock));
            String hash = AuditChain.hash(prev, at, actor, action, entityType, id, text);
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail, prev_hash, row_hash)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(at, actor, action, entityType, id, text, prev, hash)
                    .update(key, "id");
            jdbc.sql("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1")
                    .params(key.getKey().longValue(), hash).update();
        });
    }

    public List<Entry> forEntity(String entityType, String entityId) {
        return jdbc.sql("SELECT id, at, actor, action, entity_type, entity_id, detail FROM audit_log"
                        + " WHERE entity_type = ? AND entity_id = ? ORDER BY id")
                .params(entityType, entityId)
                .query(ENTRY)
                .list();
    }

    public List<Entry> latest(int limit) {
        return jdbc.sql("SELECT id, at, actor, action, entity_type, entity_id, detail FROM audit_log ORDER BY id DESC LIMIT ?")
                .params(limit)
                .query(ENTRY)
                .list();
    }

    public record Entry(long id, OffsetDateTime at, String actor, String action, String entityType, String entityId,
            String detail) {}
}
