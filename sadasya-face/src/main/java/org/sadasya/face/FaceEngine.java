package org.sadasya.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sadasya.face.detect.DetectorCandidate;
import org.sadasya.face.detect.FaceDetector;
import org.sadasya.face.detect.Pixels;
import org.sadasya.face.detect.Resampling;
import org.sadasya.face.image.ImageIntake;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.model.FaceModel;
import org.sadasya.face.model.OnnxModel;

/**
 * The face engine: finds the faces in a photo and describes each one (box, landmarks, embedding,
 * presentation-attack evidence). Thread-safe; create one per process and share it.
 *
 * <p>Per face, as the reference pipeline (research/tfjs-reference.md §2): a square crop of 1.4× the
 * detector box is resampled to a 192×192 "face tensor" (0..1); facemesh's face flag must exceed
 * 0.2 or the candidate is dropped; faceres (224, ×255), antispoof (128) and liveness (32) all read
 * resized copies of that same face tensor.
 */
public final class FaceEngine implements AutoCloseable {
    /** Face tensor side: facemesh's input size. */
    static final int FACE_SIZE = 192;
    /** facemesh face flag (rounded to 0.01 as the reference does) must exceed this. */
    static final double MESH_GATE = 0.2;

    private final PipelineMode mode;
    private final Map<FaceModel, OnnxModel> models;
    private final FaceDetector detector;
    private final ImageIntake intake;
    private final MatchThreshold threshold;

    private FaceEngine(PipelineMode mode, Map<FaceModel, OnnxModel> models, ImageIntake intake) {
        this.mode = mode;
        this.models = models;
        this.detector = new FaceDetector(models.get(FaceModel.BLAZEFACE), mode);
        this.intake = intake;
        this.threshold = MatchThreshold.forMode(mode);
    }

    /** Loads the bundled models (checksums verified) and prepares one shared session per model. */
    public static FaceEngine create(PipelineMode mode) {
        Map<FaceModel, OnnxModel> models = new EnumMap<>(FaceModel.class);
        for (FaceModel m : FaceModel.values()) {
            models.put(m, OnnxModel.load(m));
        }
        return new FaceEngine(mode, models, new ImageIntake());
    }

    public PipelineMode mode() {
        return mode;
    }

    public ImageAnalysis analyze(RgbImage image) {
        Pixels pixels = Pixels.of(image);
        List<FaceObservation> faces = new ArrayList<>();
        for (FaceDetector.Detection d : detector.detect(pixels)) {
            float[] face = faceTensor(pixels, d);
            float flag = models.get(FaceModel.FACEMESH).run(face, 1).get("Identity_1")[0];
            double meshScore = Math.round(100.0 * flag) / 100.0;
            if (!(meshScore > MESH_GATE)) {
                continue;
            }
            faces.add(describe(d, face, meshScore));
        }
        return new ImageAnalysis(image.width(), image.height(), faces, FaceModel.PACKAGE_VERSION);
    }

    /**
     * The 192×192 face tensor (0..1): the reference's axis-aligned square crop, in both modes.
     * Rotating the crop so the eyes are level (landmark alignment) was measured and lowered
     * accuracy (README, "Accuracy"), so it is not done.
     */
    private static float[] faceTensor(Pixels pixels, FaceDetector.Detection d) {
        int[] b = d.cropBox();
        return Resampling.cropAndResize(pixels, b[0], b[1], b[2], b[3], FACE_SIZE, 255f);
    }

    private FaceObservation describe(FaceDetector.Detection d, float[] face, double meshScore) {
        Pixels faceTensor = Pixels.of(face, FACE_SIZE, FACE_SIZE);
        float[] embedding = models.get(FaceModel.FACERES)
                .run(Resampling.resizeBilinear(faceTensor, 224, 224, 255f), 1)
                .get("global_pooling/Mean");
        float real = models.get(FaceModel.ANTISPOOF)
                .run(Resampling.resizeBilinear(faceTensor, 128, 128, 1f), 1).get("Identity")[0];
        float[] live = models.get(FaceModel.LIVENESS)
                .run(Resampling.resizeBilinear(faceTensor, 32, 32, 1f), 1).get("Identity");
        DetectorCandidate c = d.candidate();
        List<Landmark> landmarks = new ArrayList<>();
        for (int k = 0; k < c.landmarks().length; k += 2) {
            landmarks.add(new Landmark(c.landmarks()[k], c.landmarks()[k + 1]));
        }
        int[] b = d.cropBox();
        return new FaceObservation(
                FaceBox.ofCorners(c.x1(), c.y1(), c.x2(), c.y2()),
                FaceBox.ofCorners(b[0], b[1], b[2], b[3]),
                landmarks, c.score(), meshScore, embedding,
                ProvisionalLiveness.score(real, live[0]));
    }

    /** Decodes (with limits, EXIF orientation applied) and analyses an encoded JPEG, PNG or WebP. */
    public ImageAnalysis analyze(byte[] encoded) throws ImageRejectedException {
        return analyze(intake.decode(encoded).image());
    }

    public ImageAnalysis analyze(Path file) throws IOException, ImageRejectedException {
        return analyze(intake.decode(file).image());
    }

    /** The cosine similarity above which two faces are taken for the same person in this mode. */
    public double matchThreshold() {
        return threshold.cosine();
    }

    /** Cosine similarity of two embeddings, −1..1. */
    public static double cosineSimilarity(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embedding sizes differ: " + a.length + " vs " + b.length);
        }
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    @Override
    public void close() {
        models.values().forEach(OnnxModel::close);
    }
}
