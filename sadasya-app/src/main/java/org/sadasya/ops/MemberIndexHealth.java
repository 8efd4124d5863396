package org.sadasya.ops;

import org.sadasya.member.HnswMemberFaceIndex;
import org.sadasya.member.MemberFaceIndexes;
import org.sadasya.reembed.FaceCoverage;
import org.sadasya.reembed.FaceModels;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The 1:N face index against the database: the model it serves, its size, and how many member-face
 * changes of that model it has not read yet (it catches up in the background and before every
 * search, so a lag that stays means the catch-up fails). While faces move to a new model: how many
 * still lack it and how many it could not describe. OUT_OF_SERVICE while the index is still being
 * caught up or built in the background after start, DOWN when that failed.
 */
public final class MemberIndexHealth implements HealthIndicator {

    private final MemberFaceIndexes indexes;
    private final FaceModels models;
    private final JdbcClient jdbc;

    public MemberIndexHealth(MemberFaceIndexes indexes, FaceModels models, JdbcClient jdbc) {
        this.indexes = indexes;
        this.models = models;
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        if (indexes.openFailure().isPresent()) {
            return Health.down().withDetail("state", "failed").withDetail("model", models.serving().version()).build();
        }
        if (!indexes.ready()) {
            // searches wait for it: out of the readiness group until it is open (start-up is not blocked)
            return Health.outOfService().withDetail("state", "opening").withDetail("model", models.serving().version())
                    .build();
        }
        String serving = models.serving().version();
        HnswMemberFaceIndex index = indexes.of(serving);
        long newest = jdbc.sql("SELECT COALESCE(MAX(change_seq), 0) FROM member_face WHERE model_version = ?")
                .params(serving).query(Long.class).single();
        Health.Builder h = Health.up()
                .withDetail("faces", index.size())
                .withDetail("model", serving)
                .withDetail("changesBehind", Math.max(0, newest - index.highWaterMark()));
        String target = models.target().version();
        if (models.switching()) {
            FaceCoverage.Lacking lacking = new FaceCoverage(jdbc).lacking(target);
            h.withDetail("reembedding", java.util.Map.of("model", target, "membersLacking", lacking.members(),
                    "workerPhotosLacking", lacking.workerPhotos(), "gaveUp", lacking.failed()));
        }
        return h.build();
    }
}
