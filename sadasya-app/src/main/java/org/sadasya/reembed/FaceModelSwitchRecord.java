package org.sadasya.reembed;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The model member issuing has switched to, shared by every node of one database (V14): written by
 * the node that switches, read before each member is issued, both with member issuing locked.
 */
public final class FaceModelSwitchRecord {

    private final JdbcClient jdbc;

    public FaceModelSwitchRecord(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty while no node has switched models on this database. */
    public Optional<String> switchedTo() {
        return jdbc.sql("SELECT model_version FROM face_model_switch WHERE id = 1").query(String.class).optional();
    }

    /** Call with member issuing locked. */
    void record(String modelVersion, OffsetDateTime at) {
        if (jdbc.sql("UPDATE face_model_switch SET model_version = ?, switched_at = ? WHERE id = 1")
                .params(modelVersion, at).update() == 0) {
            jdbc.sql("INSERT INTO face_model_switch (id, model_version, switched_at) VALUES (1, ?, ?)")
                    .params(modelVersion, at).update();
        }
    }
}
