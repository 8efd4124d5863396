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
import org.sadasya.face.image.ImageLimits;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.align.FaceAlignment;
import org.sadasya.face.align.FaceCrops;
import org.sadasya.face.align.SimilarityTransform;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.face.model.FaceModel;
import org.sadasya.face.model.ModelFiles;
import org.sadasya.face.model.ModelSpec;
import org.sadasya.face.onnx.tflite.TfliteGraphConverter;
import org.sadasya.face.model.OnnxModel;
import org.sadasya.face.pad.PadAssessment;
import org.sadasya.face.pad.PresentationAttackDetector;

/**
 * The face engine: finds the faces in a photo and describes each one (box, landmarks, embedding,
 * presentation-attack evidence, per face and for the whole image). Thread-safe; create one per
 * process and share it.
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
    private final PresentationAttackDetector attacks;
    private final EmbeddingModel embeddingModel;
    /** MobileFaceNet's session, when it is the embedding model. */
    private final OnnxModel mobileFaceNet;

    private FaceEngine(PipelineMode mode, Map<FaceModel, OnnxModel> models, ImageIntake intake,
            PresentationAttackDetector attacks, EmbeddingModel embeddingModel, OnnxModel mobileFaceNet) {
        this.mode = mode;
        this.models = models;
        this.detector = new FaceDetector(models.get(FaceModel.BLAZEFACE), mode);
        this.intake = intake;
        this.threshold = MatchThreshold.of(mode, embeddingModel);
        this.attacks = attacks;
        this.embeddingModel = embeddingModel;
        this.mobileFaceNet = mobileFaceNet;
    }

    /** Loads the bundled models (checksums verified) and prepares one shared session per model. */
    public static FaceEngine create(PipelineMode mode) {
        return create(mode, PresentationAttackDetector.bundled());
    }

    /** As {@link #create(PipelineMode)}, judging presentation attacks with the given detector (e.g. another ladder). */
    public static FaceEngine create(PipelineMode mode, PresentationAttackDetector attacks) {
        return create(mode, attacks, EmbeddingModel.FACERES);
    }

    /** As {@link #create(PipelineMode, PresentationAttackDetector)}, describing faces with {@code embeddingModel}. */
    public static FaceEngine create(PipelineMode mode, PresentationAttackDetector attacks, EmbeddingModel embeddingModel) {
        Map<FaceModel, OnnxModel> models = new EnumMap<>(FaceModel.class);
        for (FaceModel m : FaceModel.values()) {
            if (m == FaceModel.FACERES && embeddingModel != EmbeddingModel.FACERES) {
                continue; // another model describes the faces
            }
            models.put(m, OnnxModel.load(m));
        }
        ImageIntake.JpegDecoding jpeg = mode == PipelineMode.REFERENCE
                ? ImageIntake.JpegDecoding.REFERENCE : ImageIntake.JpegDecoding.STANDARD;
        OnnxModel mobileFaceNet = embeddingModel == EmbeddingModel.MOBILEFACENET
                ? OnnxModel.load(MOBILEFACENET, TfliteGraphConverter.convert(ModelFiles.read("MobileFaceNet.tflite"), "MobileFaceNet"))
                : null;
        return new FaceEngine(mode, models, new ImageIntake(ImageLimits.DEFAULT, jpeg), attacks, embeddingModel, mobileFaceNet);
    }

    private static final ModelSpec MOBILEFACENET = new ModelSpec("MobileFaceNet", "input", FaceAlignment.TEMPLATE_SIDE,
            List.of("embeddings"));

    /** The model this engine describes faces with. */
    public EmbeddingModel embeddingModel() {
        return embeddingModel;
    }

    public PipelineMode mode() {
        return mode;
    }

    /**
     * Analyses a photo and judges each face and the whole image for presentation attacks, one image
     * at a time; what a burst shows is the challenge analysis' (see {@code face.challenge}).
     */
    public ImageAnalysis analyze(RgbImage image) {
        List<FaceObservation> raw = findFaces(image);
        PadAssessment pad = attacks.assess(image, raw);
        List<FaceObservation> faces = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            faces.add(raw.get(i).withLiveness(pad.faces().get(i)));
        }
        ImageLiveness liveness = new ImageLiveness(pad.spoofScore(), pad.verdict(), pad.imageScore(), pad.notes());
        return new ImageAnalysis(image.width(), image.height(), faces, embeddingModel.version(), liveness);
    }

    /**
     * The faces of a photo with their embeddings and raw model outputs, without judging presentation
     * attacks (re-embedding stored photos, evaluation).
     */
    public List<FaceObservation> faces(RgbImage image) {
        return findFaces(image);
    }

    /** Detection, the mesh gate and the per-face models; liveness holds the raw model outputs only. */
    private List<FaceObservation> findFaces(RgbImage image) {
        Pixels pixels = Pixels.of(image);
        List<FaceObservation> faces = new ArrayList<>();
        for (FaceDetector.Detection d : detector.detect(pixels)) {
            float[] face = faceTensor(pixels, d);
            int[] b = d.cropBox();
            FaceMesh mesh = runMesh(face, FaceBox.ofCorners(b[0], b[1], b[2], b[3]));
            if (!(mesh.score() > MESH_GATE)) {
                continue;
            }
            faces.add(describe(pixels, d, face, mesh));
        }
        return faces;
    }

    /** facemesh on a face tensor cut from {@code crop}; points mapped back to image pixels as the reference does. */
    private FaceMesh runMesh(float[] faceTensor, FaceBox crop) {
        Map<String, float[]> out = models.get(FaceModel.FACEMESH).run(faceTensor, 1);
        double score = Math.round(100.0 * out.get("Identity_1")[0]) / 100.0;
        float[] raw = out.get("Identity_2");
        List<Landmark> points = new ArrayList<>(FaceObservation.MESH_POINTS);
        for (int k = 0; k < FaceObservation.MESH_POINTS; k++) {
            points.add(new Landmark(crop.x() + raw[3 * k] / FACE_SIZE * crop.width(),
                    crop.y() + raw[3 * k + 1] / FACE_SIZE * crop.height()));
        }
        return new FaceMesh(score, points);
    }

    /**
     * facemesh on a square crop of {@code image} (which may extend past it): how a face found once
     * is followed through later frames without running the detector again.
     */
    public FaceMesh mesh(RgbImage image, FaceBox crop) {
        float[] face = Resampling.cropAndResize(Pixels.of(image), crop.x(), crop.y(), crop.x2(), crop.y2(), FACE_SIZE, 255f);
        return runMesh(face, crop);
    }

    /** The detector alone: the square crop boxes of the faces it proposes, best first (no mesh gate, no embedding). */
    public List<FaceBox> detectCrops(RgbImage image) {
        List<FaceBox> crops = new ArrayList<>();
        for (FaceDetector.Detection d : detector.detect(Pixels.of(image))) {
            int[] b = d.cropBox();
            crops.add(FaceBox.ofCorners(b[0], b[1], b[2], b[3]));
        }
        return crops;
    }

    /** The embedding of the face in a square crop of {@code image}, made as for a still's face. */
    public float[] embedding(RgbImage image, FaceBox crop) {
        float[] face = Resampling.cropAndResize(Pixels.of(image), crop.x(), crop.y(), crop.x2(), crop.y2(), FACE_SIZE, 255f);
        if (embeddingModel == EmbeddingModel.MOBILEFACENET) {
            return alignedEmbedding(Pixels.of(image), runMesh(face, crop).points());
        }
        return embed(Resampling.resizeBilinear(Pixels.of(face, FACE_SIZE, FACE_SIZE), 224, 224, 255f));
    }

    /**
     * MobileFaceNet on the face aligned to the five-point template, pixels (v − 127.5) / 128,
     * averaged with the mirrored face (both unit length first). Without alignment the model is
     * useless (TAR 0.03 at FAR 1e-4 on the identities of shared/data, README "Accuracy").
     */
    private float[] alignedEmbedding(Pixels image, List<Landmark> mesh) {
        int side = FaceAlignment.TEMPLATE_SIDE;
        SimilarityTransform t = FaceAlignment.toTemplate(FaceAlignment.fivePoints(mesh), side);
        float[] px = FaceAlignment.warp(image, t, side);
        for (int i = 0; i < px.length; i++) {
            px[i] = (px[i] - 127.5f) / 128f;
        }
        float[] a = FaceCrops.unit(mobileFaceNet.run(px, 1).get("embeddings"));
        float[] b = FaceCrops.unit(mobileFaceNet.run(FaceCrops.mirrored(px, side), 1).get("embeddings"));
        for (int i = 0; i < a.length; i++) {
            a[i] = (a[i] + b[i]) / 2;
        }
        return a;
    }

    /** The face flag a crop's mesh must exceed to hold a face. */
    public static double meshGate() {
        return MESH_GATE;
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

    /**
     * The faceres embedding. The default mode averages it with the embedding of the mirrored face:
     * on the labelled deepface pairs this raised ROC AUC from 0.9990 to 0.9993 and TAR at FAR 1 %
     * from 0.979 to 0.986 (README, "Accuracy"), for one more faceres call per face.
     */
    private float[] embed(float[] faceresInput) {
        OnnxModel faceres = models.get(FaceModel.FACERES);
        float[] embedding = faceres.run(faceresInput, 1).get("global_pooling/Mean");
        if (mode == PipelineMode.REFERENCE) {
            return embedding;
        }
        float[] other = faceres.run(FaceCrops.mirrored(faceresInput, FaceModel.FACERES.inputSize()), 1).get("global_pooling/Mean");
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = (embedding[i] + other[i]) / 2;
        }
        return embedding;
    }

    private FaceObservation describe(Pixels image, FaceDetector.Detection d, float[] face, FaceMesh mesh) {
        Pixels faceTensor = Pixels.of(face, FACE_SIZE, FACE_SIZE);
        float[] embedding = embeddingModel == EmbeddingModel.MOBILEFACENET
                ? alignedEmbedding(image, mesh.points())
                : embed(Resampling.resizeBilinear(faceTensor, 224, 224, 255f));
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
                landmarks, c.score(), mesh.score(), embedding,
                new LivenessScore(real, live[0], Double.NaN, LivenessVerdict.DOUBT), mesh.points());
    }

    /** Decodes (with limits, EXIF orientation applied) and analyses an encoded JPEG, PNG or WebP. */
    public ImageAnalysis analyze(byte[] encoded) throws ImageRejectedException {
        return analyze(intake.decode(encoded).image());
    }

    public ImageAnalysis analyze(Path file) throws IOException, ImageRejectedException {
        return analyze(intake.decode(file).image());
    }

    /** The image intake this engine decodes with (for callers that also need EXIF facts). */
    public ImageIntake intake() {
        return intake;
    }

    /** The cosine similarity above which two faces are taken for the same person in this mode. */
    public double matchThreshold() {
        return threshold.cosine();
    }

    /** The operating point of an engine of {@code mode} describing faces with {@code model}, without loading it. */
    public static double matchThreshold(PipelineMode mode, EmbeddingModel model) {
        return MatchThreshold.of(mode, model).cosine();
    }

    /** Cosine similarity of two embeddings, −1..1 ({@link Similarity#cosine}). */
    public static double cosineSimilarity(float[] a, float[] b) {
        return Similarity.cosine(a, b);
    }

    @Override
    public void close() {
        models.values().forEach(OnnxModel::close);
        if (mobileFaceNet != null) {
            mobileFaceNet.close();
        }
    }
}
