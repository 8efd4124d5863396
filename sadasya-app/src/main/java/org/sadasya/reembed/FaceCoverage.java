package org.sadasya.reembed;

import org.springframework.jdbc.core.simple.JdbcClient;

/** How many stored faces lack an embedding of a model (faces it could not describe do not count). */
public final class FaceCoverage {

    /** Members with a face of some model but none of {@code ?}, not given up on for it (erased faces are not faces). */
    static final String MEMBERS_LACKING = "FROM member_face f WHERE f.erased = FALSE AND NOT EXISTS (SELECT 1 FROM member_face g"
            + " WHERE g.member_id = f.member_id AND g.model_version = ?) AND NOT EXISTS (SELECT 1 FROM reembed_failure r"
            + " WHERE r.subject = 'member' AND r.subject_id = f.member_id AND r.model_version = ?)";
    /** Worker reference photos without an embedding of {@code ?}, not given up on for it. */
    static final String WORKER_PHOTOS_LACKING = "FROM worker_face w WHERE NOT EXISTS (SELECT 1 FROM worker_face v"
            + " WHERE v.image_key = w.image_key AND v.model_version = ?) AND NOT EXISTS (SELECT 1 FROM reembed_failure r"
            + " WHERE r.subject = 'worker' AND r.subject_id = w.id AND r.model_version = ?)";

    private final JdbcClient jdbc;

    public FaceCoverage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param failed faces given up on for this model (their photo shows it no face) */
    public record Lacking(long members, long workerPhotos, long failed) {
        public boolean none() {
            return members == 0 && workerPhotos == 0;
        }
    }

    public Lacking lacking(String modelVersion) {
        long members = jdbc.sql("SELECT COUNT(DISTINCT f.member_id) " + MEMBERS_LACKING)
                .params(modelVersion, modelVersion).query(Long.class).single();
        long photos = jdbc.sql("SELECT COUNT(DISTINCT w.image_key) " + WORKER_PHOTOS_LACKING)
                .params(modelVersion, modelVersion).query(Long.class).single();
        long failed = jdbc.sql("SELECT COUNT(*) FROM reembed_failure WHERE model_version = ?").params(modelVersion)
                .query(Long.class).single();
        return new Lacking(members, photos, failed);
    }

    /** Whether any member or worker face has an embedding of this model. */
    public boolean hasFaces(String modelVersion) {
        return jdbc.sql("SELECT member_id FROM member_face WHERE model_version = ? LIMIT 1").params(modelVersion)
                        .query(Long.class).optional().isPresent()
                || jdbc.sql("SELECT worker_id FROM worker_face WHERE model_version = ? LIMIT 1").params(modelVersion)
                        .query(Long.class).optional().isPresent();
    }
}
