package org.sadasya.worker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sadasya.common.Embeddings;
import org.sadasya.common.Times;
import org.sadasya.decision.WorkerReferences;
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

    /** The worker's reference embeddings, by the model that described them. */
    public WorkerReferences references(long workerId) {
        Map<String, List<float[]>> byModel = new LinkedHashMap<>();
        jdbc.sql("SELECT model_version, embedding FROM worker_face WHERE worker_id = ? ORDER BY id").params(workerId)
                .query((rs, i) -> Map.entry(rs.getString(1), Embeddings.fromBytes(rs.getBytes(2)))).list()
                .forEach(e -> byModel.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return new WorkerReferences(byModel);
    }

    /**
     * The image keys of a worker's reference photos, oldest first (as numbered from 0 by the API);
     * a photo described by two models is one photo.
     */
    public List<String> imageKeys(long workerId) {
        return jdbc.sql("SELECT image_key FROM worker_face WHERE worker_id = ? GROUP BY image_key ORDER BY MIN(id)")
                .params(workerId).query(String.class).list();
    }

    /** The worker's reference photos. */
    public int count(long workerId) {
        return jdbc.sql("SELECT COUNT(DISTINCT image_key) FROM worker_face WHERE worker_id = ?").params(workerId)
                .query(Integer.class).single();
    }
}
