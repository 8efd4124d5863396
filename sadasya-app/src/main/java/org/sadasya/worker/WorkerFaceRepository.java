package org.sadasya.worker;

import java.time.Clock;
import java.util.List;
import org.sadasya.common.Embeddings;
import org.sadasya.common.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** A worker's reference faces. */
public final class WorkerFaceRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    public WorkerFaceRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public long insert(long workerId, float[] embedding, String modelVersion, String imageKey, double detectionScore,
            Double spoofScore) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO worker_face (worker_id, embedding, model_version, image_key, detection_score, spoof_score,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(workerId, Embeddings.toBytes(embedding), modelVersion == null ? "unknown" : modelVersion, imageKey,
                        detectionScore, spoofScore, Times.now(clock))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<float[]> embeddings(long workerId) {
        return jdbc.sql("SELECT embedding FROM worker_face WHERE worker_id = ? ORDER BY id").params(workerId)
                .query((rs, i) -> Embeddings.fromBytes(rs.getBytes(1))).list();
    }

    /** The image keys of a worker's reference faces, oldest first (as numbered from 0 by the API). */
    public List<String> imageKeys(long workerId) {
        return jdbc.sql("SELECT image_key FROM worker_face WHERE worker_id = ? ORDER BY id").params(workerId)
                .query(String.class).list();
    }

    public int count(long workerId) {
        return jdbc.sql("SELECT COUNT(*) FROM worker_face WHERE worker_id = ?").params(workerId)
                .query(Integer.class).single();
    }
}
