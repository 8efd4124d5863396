package org.sadasya.reembed;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.sadasya.common.Embeddings;
import org.sadasya.common.Times;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.face.FaceBox;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.member.JdbcMemberRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Describes the stored member and worker faces with another embedding model, from their encrypted
 * photos (decrypted in memory only), and writes the new embedding beside the old one. Each face is
 * its own short transaction, so an interrupted run loses at most the face in hand and the next run
 * goes on with the faces still lacking the model: the work is resumable and idempotent by
 * construction. The service keeps deciding with the old model meanwhile ({@link FaceModels}).
 *
 * <p>Which face of an enrolment photo is the member's: the one at the box the verifier recorded; for
 * enrolments decided before boxes were recorded, the face whose embedding in the old model is the
 * stored one. A worker's reference photo shows the worker as its largest face.
 */
public final class Reembedder {

    private static final Logger log = LoggerFactory.getLogger(Reembedder.class);

    /** Faces read per query. */
    static final int BATCH = 50;
    /** The member's face in the new model's reading overlaps the recorded box at least this much. */
    static final double MIN_BOX_OVERLAP = 0.3;
    /** The same photo through the same model gives the same embedding, up to float rounding. */
    static final double SAME_EMBEDDING = 0.99;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final EnrollmentRepository enrollments;
    private final JdbcMemberRepository members;
    private final ImageStore images;
    private final Clock clock;
    private final Function<EmbeddingModel, FaceEngine> engines;

    public Reembedder(JdbcClient jdbc, TransactionTemplate tx, EnrollmentRepository enrollments,
            JdbcMemberRepository members, ImageStore images, Clock clock, Function<EmbeddingModel, FaceEngine> engines) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.enrollments = enrollments;
        this.members = members;
        this.images = images;
        this.clock = clock;
        this.engines = engines;
    }

    /**
     * Progress of a run, after each batch.
     *
     * @param done faces described with the model in this run
     * @param failed faces given up on in this run (no face found for the model, unreadable photo)
     * @param remaining faces still lacking the model (members and worker photos)
     */
    public record Progress(String model, long done, long failed, long remaining) {}

    /**
     * Re-embeds every face lacking {@code model}, or until {@code keepGoing} says stop (checked
     * before each face). Returns the last progress.
     */
    public Progress run(EmbeddingModel model, Consumer<Progress> progress, BooleanSupplier keepGoing) {
        FaceCoverage coverage = new FaceCoverage(jdbc);
        // counted once: every face handled leaves the lacking set (a new row, or a failure row), so
        // the remainder is the start less what was handled; the count is exact again at the end
        FaceCoverage.Lacking atStart = coverage.lacking(model.version());
        long toDo = atStart.members() + atStart.workerPhotos();
        long[] tally = new long[2]; // done, failed
        long afterMember = Long.MIN_VALUE;
        boolean more = true;
        while (more && keepGoing.getAsBoolean()) {
            // keyset paging on the member id: each batch reads on from the last, not from the start
            List<Long> memberIds = jdbc.sql("SELECT DISTINCT f.member_id " + FaceCoverage.MEMBERS_LACKING
                            + " AND f.member_id > ? ORDER BY f.member_id LIMIT " + BATCH)
                    .params(model.version(), model.version(), afterMember).query(Long.class).list();
            List<Long> workerRows = memberIds.size() == BATCH ? List.of()
                    : jdbc.sql("SELECT MIN(w.id) " + FaceCoverage.WORKER_PHOTOS_LACKING
                                    + " GROUP BY w.image_key ORDER BY MIN(w.id) LIMIT " + (BATCH - memberIds.size()))
                            .params(model.version(), model.version()).query(Long.class).list();
            more = !memberIds.isEmpty() || !workerRows.isEmpty();
            if (!memberIds.isEmpty()) {
                afterMember = memberIds.get(memberIds.size() - 1);
            }
            handle(memberIds, id -> reembedMember(id, model), keepGoing, tally);
            handle(workerRows, id -> reembedWorkerPhoto(id, model), keepGoing, tally);
            progress.accept(new Progress(model.version(), tally[0], tally[1], Math.max(0, toDo - tally[0] - tally[1])));
        }
        FaceCoverage.Lacking left = coverage.lacking(model.version());
        return new Progress(model.version(), tally[0], tally[1], left.members() + left.workerPhotos());
    }

    /** Re-embeds each face of {@code ids} until {@code keepGoing} says stop, counting done and failed in {@code tally}. */
    private static void handle(List<Long> ids, java.util.function.LongPredicate reembed, BooleanSupplier keepGoing,
            long[] tally) {
        for (long id : ids) {
            if (!keepGoing.getAsBoolean()) {
                return;
            }
            tally[reembed.test(id) ? 0 : 1]++;
        }
    }

    /**
     * The member face of an enrolment described with {@code model} (a reviewer accepting an
     * enrolment verified with a model the service has since left): empty when it cannot be found.
     */
    public Optional<float[]> memberFace(long enrollmentId, EmbeddingModel model) {
        try {
            return findMemberFace(enrollmentId, model).map(FaceObservation::embedding);
        } catch (Unusable e) {
            log.warn("re-embed: enrolment {}: {}", enrollmentId, e.getMessage());
            return Optional.empty();
        }
    }

    private boolean reembedMember(long memberId, EmbeddingModel model) {
        long enrollmentId = jdbc.sql("SELECT enrollment_id FROM member WHERE id = ?").params(memberId)
                .query(Long.class).single();
        Optional<FaceObservation> face;
        String reason;
        try {
            face = findMemberFace(enrollmentId, model);
            reason = "FACE_NOT_FOUND";
        } catch (Unusable e) {
            face = Optional.empty();
            reason = e.getMessage();
        }
        if (face.isEmpty()) {
            fail("member", memberId, model, reason);
            return false;
        }
        float[] embedding = face.get().embedding();
        tx.executeWithoutResult(s -> {
            members.lockIssuing(); // change numbers are drawn under the lock, as for a new member (V3 migration)
            boolean exists = jdbc.sql("SELECT COUNT(*) FROM member_face WHERE member_id = ? AND model_version = ?")
                    .params(memberId, model.version()).query(Long.class).single() > 0;
            if (!exists) { // another run (the service, or a second command) got there first
                jdbc.sql("INSERT INTO member_face (member_id, embedding, model_version, created_at, change_seq)"
                                + " VALUES (?, ?, ?, ?, nextval('member_face_change_seq'))")
                        .params(memberId, Embeddings.toBytes(embedding), model.version(), Times.now(clock)).update();
            }
        });
        return true;
    }

    private Optional<FaceObservation> findMemberFace(long enrollmentId, EmbeddingModel model) throws Unusable {
        RgbImage photo = photoOf(enrollmentId, model);
        List<FaceObservation> faces = engines.apply(model).faces(photo);
        Optional<FaceBox> box = enrollments.memberFace(enrollmentId).or(() -> boxByOldEmbedding(enrollmentId, photo));
        if (box.isEmpty()) {
            return Optional.empty();
        }
        FaceBox at = box.get();
        return faces.stream()
                .filter(f -> fractionOf(f.box(), photo).iou(at) >= MIN_BOX_OVERLAP)
                .max(Comparator.comparingDouble(f -> fractionOf(f.box(), photo).iou(at)));
    }

    /** Where the face is whose embedding in the model that verified the enrolment is the stored one. */
    private Optional<FaceBox> boxByOldEmbedding(long enrollmentId, RgbImage photo) {
        return enrollments.memberEmbedding(enrollmentId).flatMap(stored -> {
            Optional<EmbeddingModel> old = EmbeddingModel.ofVersion(stored.modelVersion());
            if (old.isEmpty()) {
                return Optional.empty();
            }
            return engines.apply(old.get()).faces(photo).stream()
                    .filter(f -> FaceEngine.cosineSimilarity(f.embedding(), stored.embedding()) >= SAME_EMBEDDING)
                    .findFirst()
                    .map(f -> fractionOf(f.box(), photo));
        });
    }

    private RgbImage photoOf(long enrollmentId, EmbeddingModel model) throws Unusable {
        String key = enrollments.images(enrollmentId).stream().filter(i -> i.kind().equals("PHOTO")).findFirst()
                .map(EnrollmentRepository.StoredImage::imageKey)
                .orElseThrow(() -> new Unusable("PHOTO_MISSING"));
        return decode(key, model);
    }

    private boolean reembedWorkerPhoto(long workerFaceId, EmbeddingModel model) {
        var row = jdbc.sql("SELECT worker_id, image_key, spoof_score FROM worker_face WHERE id = ?").params(workerFaceId)
                .query((rs, i) -> new WorkerPhoto(rs.getLong(1), rs.getString(2), (Double) rs.getObject(3))).single();
        Optional<FaceObservation> face;
        String reason = "FACE_NOT_FOUND";
        try {
            face = engines.apply(model).faces(decode(row.imageKey(), model)).stream()
                    .max(Comparator.comparingDouble(f -> f.box().area()));
        } catch (Unusable e) {
            face = Optional.empty();
            reason = e.getMessage();
        }
        if (face.isEmpty()) {
            fail("worker", workerFaceId, model, reason);
            return false;
        }
        FaceObservation f = face.get();
        tx.executeWithoutResult(s -> {
            boolean exists = jdbc.sql("SELECT COUNT(*) FROM worker_face WHERE image_key = ? AND model_version = ?")
                    .params(row.imageKey(), model.version()).query(Long.class).single() > 0;
            if (!exists) {
                jdbc.sql("INSERT INTO worker_face (worker_id, embedding, model_version, image_key, detection_score,"
                                + " spoof_score, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                        .params(row.workerId(), Embeddings.toBytes(f.embedding()), model.version(), row.imageKey(),
                                f.detectionScore(), row.spoofScore(), Times.now(clock))
                        .update();
            }
        });
        return true;
    }

    private RgbImage decode(String imageKey, EmbeddingModel model) throws Unusable {
        byte[] bytes;
        try {
            bytes = images.get(imageKey);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.file.NoSuchFileException) {
                throw new Unusable("PHOTO_MISSING");
            }
            throw e; // a disk that cannot be read now, or a wrong image key: stop rather than give up on faces
        }
        try {
            return engines.apply(model).intake().decode(bytes).image();
        } catch (ImageRejectedException e) {
            throw new Unusable("PHOTO_UNREADABLE:" + e.code());
        }
    }

    private void fail(String subject, long id, EmbeddingModel model, String reason) {
        log.warn("re-embed: {} {} cannot be described with {}: {}", subject, id, model.version(), reason);
        tx.executeWithoutResult(s -> {
            if (jdbc.sql("SELECT COUNT(*) FROM reembed_failure WHERE subject = ? AND subject_id = ? AND model_version = ?")
                    .params(subject, id, model.version()).query(Long.class).single() == 0) {
                jdbc.sql("INSERT INTO reembed_failure (subject, subject_id, model_version, reason, at)"
                                + " VALUES (?, ?, ?, ?, ?)")
                        .params(subject, id, model.version(), reason, Times.now(clock)).update();
            }
        });
    }

    /** The box as fractions of the photo's size (how the verifier records the member's face). */
    private static FaceBox fractionOf(FaceBox box, RgbImage photo) {
        double w = photo.width();
        double h = photo.height();
        return new FaceBox(box.x() / w, box.y() / h, box.width() / w, box.height() / h);
    }

    private record WorkerPhoto(long workerId, String imageKey, Double spoofScore) {}

    /** The photo cannot be read: the reason is recorded as the failure. */
    private static final class Unusable extends Exception {
        Unusable(String reason) {
            super(reason);
        }
    }
}
