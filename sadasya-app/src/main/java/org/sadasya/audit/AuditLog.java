package org.sadasya.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.sadasya.common.Times;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The append-only record of every state change and decision: who, when, what. Only INSERT and
 * SELECT exist here; the database refuses UPDATE and DELETE (triggers in the vendor migrations).
 */
public final class AuditLog {

    private static final org.springframework.jdbc.core.RowMapper<Entry> ENTRY = (rs, i) -> new Entry(rs.getLong(1),
            rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            rs.getString(7));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;

    public AuditLog(JdbcClient jdbc, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    public void record(String actor, String action, String entityType, Object entityId, Map<String, ?> detail) {
        String text;
        try {
            text = json.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not serialisable", e);
        }
        jdbc.sql("INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
                .params(Times.now(clock), actor, action, entityType, String.valueOf(entityId), text)
                .update();
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
