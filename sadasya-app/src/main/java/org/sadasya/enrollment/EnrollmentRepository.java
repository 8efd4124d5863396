package org.sadasya.enrollment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.sadasya.decision.FingerprintChunks;
import org.sadasya.face.FaceBox;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

public final class EnrollmentRepository {

    private static final String SELECT = "SELECT e.id, e.submission_id, e.content_sha256, e.worker_id, e.booth_id,"
            + " e.booth_path, e.data_json, e.status, e.reasons_json, m.member_code, e.response_status, e.response_body,"
            + " e.received_at, e.decided_at, e.review_note FROM enrollment e LEFT JOIN member m ON m.id = e.member_id";
    private static final RowMapper<EnrollmentRecord> ROW = (rs, i) -> new EnrollmentRecord(rs.getLong(1),
            rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getString(7),
            EnrollmentStatus.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10), rs.getInt(11),
            rs.getString(12), rs.getObject(13, OffsetDateTime.class), rs.getObject(14, OffsetDateTime.class),
            rs.getString(15));

    private final JdbcClient jdbc;
    private final EnrollmentDayCounts dayCounts;

    public EnrollmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.dayCounts = new EnrollmentDayCounts(jdbc);
    }

    /** Inserts a RECEIVED enrolment; a second row with the same submission id fails on the unique key. */
    public long insert(String submissionId, String contentSha256, long workerId, long boothId, String boothPath,
            String dataJson, int responseStatus, String responseBody, OffsetDateTime receivedAt) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO enrollment (submission_id, content_sha256, worker_id, booth_id, booth_path, data_json,"
                        + " status, response_status, response_body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(submissionId, contentSha256, workerId, boothId, boothPath, dataJson,
                        EnrollmentStatus.RECEIVED.name(), responseStatus, responseBody, receivedAt)
                .update(keys, "id");
        dayCounts.added(EnrollmentDayCounts.Contribution.undecided(boothPath, receivedAt));
        return keys.getKey().longValue();
    }

    public void addImage(long enrollmentId, String kind, int seq, String imageKey, String sha256, int sizeBytes) {
        jdbc.sql("INSERT INTO enrollment_image (enrollment_id, kind, seq, image_key, sha256, size_bytes)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(enrollmentId, kind, seq, imageKey, sha256, sizeBytes).update();
    }

    /**
     * Forgets the enrolment's biometric data: its images' rows (returned, so the caller deletes the
     * files), the member embedding, where the face was and the photo's fingerprint. Its details,
     * status and reasons stay. Call inside the erasing transaction.
     */
    public List<StoredImage> eraseBiometrics(long enrollmentId) {
        List<StoredImage> stored = images(enrollmentId);
        jdbc.sql("DELETE FROM enrollment_image WHERE enrollment_id = ?").params(enrollmentId).update();
        jdbc.sql("UPDATE enrollment SET member_embedding = NULL, member_face_x = NULL, member_face_y = NULL,"
                        + " member_face_w = NULL, member_face_h = NULL, perceptual_hash = NULL,"
                        + " phash_0 = NULL, phash_1 = NULL, phash_2 = NULL, phash_3 = NULL WHERE id = ?")
                .params(enrollmentId).update();
        return stored;
    }

    public List<StoredImage> images(long enrollmentId) {
        return jdbc.sql("SELECT kind, seq, image_key, sha256 FROM enrollment_image WHERE enrollment_id = ? ORDER BY kind DESC, seq")
                .params(enrollmentId)
                .query((rs, i) -> new StoredImage(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    public Optional<EnrollmentRecord> findBySubmissionId(String submissionId) {
        return jdbc.sql(SELECT + " WHERE e.submission_id = ?").params(submissionId).query(ROW).optional();
    }

    public Optional<EnrollmentRecord> find(long id) {
        return jdbc.sql(SELECT + " WHERE e.id = ?").params(id).query(ROW).optional();
    }

    /** Enrolments with a status inside a scope (path prefix; null = everywhere), oldest first. */
    public List<EnrollmentRecord> withStatus(EnrollmentStatus status, String pathPrefix, int limit, long afterId) {
        return pathPrefix == null
                ? jdbc.sql(SELECT + " WHERE e.status = ? AND e.id > ? ORDER BY e.id LIMIT ?")
                        .params(status.name(), afterId, limit).query(ROW).list()
                : jdbc.sql(SELECT + " WHERE e.status = ? AND e.booth_path LIKE ? AND e.id > ? ORDER BY e.id LIMIT ?")
                        .params(status.name(), pathPrefix + "%", afterId, limit).query(ROW).list();
    }

    /**
     * The review console's list: enrolments of one status in a scope, narrowed by worker, reason
     * code (a REVIEW or REJECT outcome of that rule), receipt time and submission id; oldest first.
     */
    public List<Listed> search(QueueFilter f) {
        StringBuilder where = new StringBuilder(" WHERE e.status = ? AND e.id > ?");
        List<Object> params = new java.util.ArrayList<>(List.of(f.status().name(), f.afterId()));
        if (f.pathPrefix() != null) {
            where.append(" AND e.booth_path LIKE ?");
            params.add(f.pathPrefix() + "%");
        }
        if (f.workerId() != null) {
            where.append(" AND e.worker_id = ?");
            params.add(f.workerId());
        }
        if (f.reasonCode() != null) {
            // reasons_json is written by one serialiser, code then outcome, without spaces
            where.append(" AND (e.reasons_json LIKE ? OR e.reasons_json LIKE ?)");
            params.add("%\"code\":\"" + f.reasonCode() + "\",\"outcome\":\"REVIEW\"%");
            params.add("%\"code\":\"" + f.reasonCode() + "\",\"outcome\":\"REJECT\"%");
        }
        if (f.from() != null) {
            where.append(" AND e.received_at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            where.append(" AND e.received_at < ?");
            params.add(f.to());
        }
        if (f.submissionId() != null) {
            where.append(" AND e.submission_id = ?");
            params.add(f.submissionId());
        }
        params.add(f.limit());
        return jdbc.sql(SELECT.replace(" FROM enrollment e", ", e.appealed_at FROM enrollment e") + where
                        + " ORDER BY e.id LIMIT ?")
                .params(params)
                .query((rs, i) -> new Listed(ROW.mapRow(rs, i), rs.getObject(16, OffsetDateTime.class) != null))
                .list();
    }

    /**
     * @param reasonCode a rule's code (validated by the caller), or null
     * @param from       received at or after (inclusive), or null
     * @param to         received before (exclusive), or null
     */
    public record QueueFilter(EnrollmentStatus status, String pathPrefix, Long workerId, String reasonCode,
            OffsetDateTime from, OffsetDateTime to, String submissionId, long afterId, int limit) {}

    /** @param appeal re-opened on appeal at least once */
    public record Listed(EnrollmentRecord record, boolean appeal) {}

    public boolean appealed(long id) {
        return jdbc.sql("SELECT appealed_at FROM enrollment WHERE id = ?").params(id)
                .query((rs, i) -> rs.getObject(1, OffsetDateTime.class) != null).optional().orElse(false);
    }

    /** Re-opens a REJECTED enrolment on appeal: back to REVIEW, no member; only a rejected one changes. */
    public int reopen(long id, String reasonsJson, OffsetDateTime at) {
        // what the rejection counted, read under the row's lock so that it is what the update replaces
        Optional<EnrollmentDayCounts.Contribution> before = jdbc.sql("SELECT booth_path, received_at, status, reasons_json,"
                        + " decided_at FROM enrollment WHERE id = ? FOR UPDATE")
                .params(id).query(CONTRIBUTION).optional();
        int changed = jdbc.sql("UPDATE enrollment SET status = 'REVIEW', reasons_json = ?, member_id = NULL, appealed_at = ?"
                        + " WHERE id = ? AND status = 'REJECTED'")
                .params(reasonsJson, at, id)
                .update();
        if (changed == 1) {
            EnrollmentDayCounts.Contribution b = before.orElseThrow();
            dayCounts.changed(b, new EnrollmentDayCounts.Contribution(b.boothPath(), b.receivedAt(),
                    EnrollmentStatus.REVIEW, reasonsJson, b.decidedAt()));
        }
        return changed;
    }

    private static final RowMapper<EnrollmentDayCounts.Contribution> CONTRIBUTION = (rs, i) ->
            new EnrollmentDayCounts.Contribution(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                    EnrollmentStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getObject(5, OffsetDateTime.class));

    /** The enrolment as the day counts see it, after a change in this transaction. */
    private EnrollmentDayCounts.Contribution contribution(long id) {
        return jdbc.sql("SELECT booth_path, received_at, status, reasons_json, decided_at FROM enrollment WHERE id = ?")
                .params(id).query(CONTRIBUTION).single();
    }

    /** New evidence for an enrolment still in REVIEW (a reviewer's accept refused by the last duplicate check). */
    public int updateReviewReasons(long id, String reasonsJson) {
        return jdbc.sql("UPDATE enrollment SET reasons_json = ? WHERE id = ? AND status = 'REVIEW'")
                .params(reasonsJson, id).update();
    }

    /** A worker's own enrolments, newest first, below row {@code beforeId} (null = from the newest). */
    public List<EnrollmentRecord> byWorker(long workerId, Long beforeId, int limit) {
        return jdbc.sql(SELECT + " WHERE e.worker_id = ? AND e.id < ? ORDER BY e.id DESC LIMIT ?")
                .params(workerId, beforeId == null ? Long.MAX_VALUE : beforeId, limit).query(ROW).list();
    }

    /** How many enrolments a worker sent that were received at or after {@code since}. */
    public long countByWorkerSince(long workerId, OffsetDateTime since) {
        return jdbc.sql("SELECT COUNT(*) FROM enrollment WHERE worker_id = ? AND received_at >= ?")
                .params(workerId, since).query(Long.class).single();
    }

    public void markProcessing(long id) {
        jdbc.sql("UPDATE enrollment SET status = 'PROCESSING' WHERE id = ? AND status IN ('RECEIVED', 'PROCESSING')")
                .params(id).update();
    }

    /** Records the pipeline's decision; only an undecided enrolment changes. */
    public int decide(long id, EnrollmentStatus status, String reasonsJson, Long memberId, Long perceptualHash,
            float[] memberEmbedding, String modelVersion, OffsetDateTime at) {
        return decide(id, status, reasonsJson, memberId, perceptualHash, memberEmbedding, modelVersion, null, at);
    }

    /** The same, with where the member's face is in the photo (fractions of its size; null = not known). */
    public int decide(long id, EnrollmentStatus status, String reasonsJson, Long memberId, Long perceptualHash,
            float[] memberEmbedding, String modelVersion, FaceBox memberFace, OffsetDateTime at) {
        int[] chunks = perceptualHash == null ? null : FingerprintChunks.of(perceptualHash);
        int changed = jdbc.sql("UPDATE enrollment SET status = ?, reasons_json = ?, member_id = ?, perceptual_hash = ?,"
                        + " phash_0 = ?, phash_1 = ?, phash_2 = ?, phash_3 = ?,"
                        + " member_embedding = ?, model_version = ?, member_face_x = ?, member_face_y = ?,"
                        + " member_face_w = ?, member_face_h = ?, decided_at = ?"
                        + " WHERE id = ? AND status IN ('RECEIVED', 'PROCESSING')")
                .params(status.name(), reasonsJson, memberId, perceptualHash,
                        chunks == null ? null : chunks[0], chunks == null ? null : chunks[1],
                        chunks == null ? null : chunks[2], chunks == null ? null : chunks[3],
                        memberEmbedding == null ? null : org.sadasya.common.Embeddings.toBytes(memberEmbedding),
                        modelVersion, memberFace == null ? null : memberFace.x(), memberFace == null ? null : memberFace.y(),
                        memberFace == null ? null : memberFace.width(), memberFace == null ? null : memberFace.height(),
                        at, id)
                .update();
        if (changed == 1) {
            EnrollmentDayCounts.Contribution after = contribution(id);
            dayCounts.changed(EnrollmentDayCounts.Contribution.undecided(after.boothPath(), after.receivedAt()), after);
        }
        return changed;
    }

    /** Where the verifier found the member's face in the enrolment's photo, as fractions of its size. */
    public Optional<FaceBox> memberFace(long id) {
        return jdbc.sql("SELECT member_face_x, member_face_y, member_face_w, member_face_h FROM enrollment"
                        + " WHERE id = ? AND member_face_w IS NOT NULL")
                .params(id)
                .query((rs, i) -> new FaceBox(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)))
                .optional();
    }

    /** The member face embedding and model found by verification, if any. */
    public Optional<StoredEmbedding> memberEmbedding(long id) {
        return jdbc.sql("SELECT member_embedding, model_version FROM enrollment WHERE id = ? AND member_embedding IS NOT NULL")
                .params(id)
                .query((rs, i) -> new StoredEmbedding(org.sadasya.common.Embeddings.fromBytes(rs.getBytes(1)),
                        rs.getString(2)))
                .optional();
    }

    public record StoredEmbedding(float[] embedding, String modelVersion) {}

    /** A reviewer's resolution of an enrolment in REVIEW. */
    public int resolve(long id, EnrollmentStatus status, String reasonsJson, Long memberId, long reviewerId, String note,
            OffsetDateTime at) {
        int changed = jdbc.sql("UPDATE enrollment SET status = ?, reasons_json = ?, member_id = ?, reviewed_by = ?,"
                        + " review_note = ?, decided_at = ? WHERE id = ? AND status = 'REVIEW'")
                .params(status.name(), reasonsJson, memberId, reviewerId, note, at, id)
                .update();
        if (changed == 1) {
            // REVIEW counted no reasons and no decision time: only the status matters before
            EnrollmentDayCounts.Contribution after = contribution(id);
            dayCounts.changed(new EnrollmentDayCounts.Contribution(after.boothPath(), after.receivedAt(),
                    EnrollmentStatus.REVIEW, null, null), after);
        }
        return changed;
    }

    public Optional<Long> memberIdOf(long enrollmentId) {
        return jdbc.sql("SELECT member_id FROM enrollment WHERE id = ?").params(enrollmentId)
                .query((rs, i) -> rs.getObject(1, Long.class)).optional();
    }

    /**
     * The stored fingerprints but one submission's within {@code maxDistance} bits of {@code hash},
     * found by multi-index hashing ({@link FingerprintChunks}): per chunk one indexed lookup of every
     * value within the chunk radius, reading only row ids and hashes; the distance is checked here and
     * only the matches' submission ids are read.
     */
    public List<Fingerprint> fingerprintsWithin(long hash, int maxDistance, String excludeSubmissionId) {
        int[] chunks = FingerprintChunks.of(hash);
        int radius = FingerprintChunks.radius(maxDistance);
        java.util.Map<Long, Long> matches = new java.util.HashMap<>();
        for (int k = 0; k < FingerprintChunks.CHUNKS; k++) {
            // integers generated here, never user text: safe to write into the statement
            String values = java.util.Arrays.stream(FingerprintChunks.within(chunks[k], radius))
                    .mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(","));
            jdbc.sql("SELECT id, perceptual_hash FROM enrollment WHERE phash_" + k + " IN (" + values + ")")
                    .query(rs -> {
                        long stored = rs.getLong(2);
                        if (Long.bitCount(stored ^ hash) <= maxDistance) {
                            matches.put(rs.getLong(1), stored);
                        }
                    });
        }
        if (matches.isEmpty()) {
            return List.of();
        }
        String ids = matches.keySet().stream().map(Object::toString).collect(java.util.stream.Collectors.joining(","));
        return jdbc.sql("SELECT id, submission_id FROM enrollment WHERE id IN (" + ids + ") AND submission_id <> ?")
                .params(excludeSubmissionId)
                .query((rs, i) -> new Fingerprint(rs.getString(2), matches.get(rs.getLong(1))))
                .list();
    }

    /** Every stored photo fingerprint but one submission's (a scan). */
    public List<Fingerprint> fingerprints(String excludeSubmissionId) {
        return jdbc.sql("SELECT submission_id, perceptual_hash FROM enrollment WHERE perceptual_hash IS NOT NULL"
                        + " AND submission_id <> ?")
                .params(excludeSubmissionId)
                .query((rs, i) -> new Fingerprint(rs.getString(1), rs.getLong(2)))
                .list();
    }

    public record Fingerprint(String submissionId, long hash) {}

    public record StoredImage(String kind, int seq, String imageKey, String sha256) {}
}
