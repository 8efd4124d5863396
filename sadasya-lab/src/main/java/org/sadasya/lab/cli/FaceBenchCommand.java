package org.sadasya.lab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sadasya.face.FaceBox;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.detect.Pixels;
import org.sadasya.face.detect.Resampling;
import org.sadasya.face.image.ImageIntake;
import org.sadasya.face.image.ImageLimits;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.model.FaceModel;
import org.sadasya.face.model.OnnxModel;
import org.sadasya.lab.JsonLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./lab bench face}: latency of each model and of a whole selfie analysis, one JSON line
 * per result. Model times cover the model call alone (input ready, outputs read back), as the
 * JavaScript reference's figures do; the selfie figures are given without and with decoding.
 */
@Command(name = "face", description = "Benchmark the face models and a whole two-face selfie analysis.")
final class FaceBenchCommand implements Callable<Integer> {
    @Option(names = "--image", description = "A selfie with two people.",
            defaultValue = "../shared/data/faces/multi/face_recognition/two_people.jpg")
    Path image;

    @Option(names = "--warmup", defaultValue = "5")
    int warmup;

    @Option(names = "--iterations", defaultValue = "40")
    int iterations;

    @Mixin
    EngineChoice engineChoice;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(image)) {
            throw LabFailure.badArgument("no such image: " + image + " (use --image PATH)");
        }
        byte[] encoded = Files.readAllBytes(image);
        RgbImage decoded = new ImageIntake(ImageLimits.DEFAULT).decode(encoded).image();
        try (FaceEngine engine = engineChoice.engine()) {
            ImageAnalysis analysis = engine.analyze(decoded);
            int faces = analysis.faces().size();
            modelLatencies(decoded, analysis);
            Map<String, Object> selfie = timed("selfie", () -> engine.analyze(decoded));
            selfie.put("faces", faces);
            selfie.put("decoding", false);
            print(selfie);
            Map<String, Object> withDecode = timed("selfie", () -> engine.analyze(encoded));
            withDecode.put("faces", faces);
            withDecode.put("decoding", true);
            print(withDecode);
            print(throughput(engine, encoded, 1, faces));
            print(throughput(engine, encoded, 2, faces));
        }
        return 0;
    }

    /** Each model on real inputs cut from the selfie, in the pipeline's own preprocessing. */
    private void modelLatencies(RgbImage decoded, ImageAnalysis analysis) throws Exception {
        Pixels pixels = Pixels.of(decoded);
        float[] detectorInput = Resampling.resizeBilinear(pixels, 256, 256, 1f);
        for (int i = 0; i < detectorInput.length; i++) {
            detectorInput[i] = detectorInput[i] / 127.5f - 1f;
        }
        FaceBox crop = analysis.faces().get(0).cropBox();
        float[] face = Resampling.cropAndResize(pixels, crop.x(), crop.y(), crop.x2(), crop.y2(), 192, 255f);
        Pixels faceTensor = Pixels.of(face, 192, 192);
        Map<FaceModel, float[]> inputs = new EnumMap<>(FaceModel.class);
        inputs.put(FaceModel.BLAZEFACE, detectorInput);
        inputs.put(FaceModel.FACEMESH, face);
        inputs.put(FaceModel.FACERES, Resampling.resizeBilinear(faceTensor, 224, 224, 255f));
        inputs.put(FaceModel.ANTISPOOF, Resampling.resizeBilinear(faceTensor, 128, 128, 1f));
        inputs.put(FaceModel.LIVENESS, Resampling.resizeBilinear(faceTensor, 32, 32, 1f));
        Map<FaceModel, Double> p50 = new EnumMap<>(FaceModel.class);
        for (Map.Entry<FaceModel, float[]> e : inputs.entrySet()) {
            try (OnnxModel model = OnnxModel.load(e.getKey())) {
                Map<String, Object> r = timed("model", () -> model.run(e.getValue(), 1));
                r.put("model", e.getKey().fileName());
                print(r);
                p50.put(e.getKey(), (Double) r.get("p50Ms"));
            }
        }
        // Model time of a two-face selfie, as the reference would spend it: one detection, four models per face.
        double perFace = p50.get(FaceModel.FACEMESH) + p50.get(FaceModel.FACERES) + p50.get(FaceModel.ANTISPOOF)
                + p50.get(FaceModel.LIVENESS);
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("bench", "selfie-models");
        sum.put("faces", 2);
        sum.put("p50SumMs", round(p50.get(FaceModel.BLAZEFACE) + 2 * perFace));
        print(sum);
    }

    private Map<String, Object> throughput(FaceEngine engine, byte[] encoded, int threads, int faces) throws Exception {
        int perThread = Math.max(iterations, 10);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < warmup; i++) {
                engine.analyze(encoded);
            }
            long start = System.nanoTime();
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        engine.analyze(encoded);
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("bench", "selfie-throughput");
            r.put("concurrentRequests", threads);
            r.put("faces", faces);
            r.put("decoding", true);
            r.put("selfiesPerSecond", round(threads * perThread / seconds));
            r.put("meanMs", round(seconds * 1000 / perThread));
            return r;
        } finally {
            pool.shutdown();
        }
    }

    interface Work {
        Object run() throws Exception;
    }

    private Map<String, Object> timed(String bench, Work work) throws Exception {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("bench", bench);
        r.put("p50Ms", round(ms[ms.length / 2]));
        r.put("p90Ms", round(ms[(int) (ms.length * 0.9)]));
        r.put("minMs", round(ms[0]));
        r.put("iterations", iterations);
        return r;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void print(Map<String, Object> line) {
        JsonLines.print((line));
    }
}
