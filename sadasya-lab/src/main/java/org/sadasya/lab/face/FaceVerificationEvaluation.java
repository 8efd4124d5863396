package org.sadasya.lab.face;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.image.ImageRejectedException;

/**
 * Runs the Java pipeline on the labelled photos (not on stored embeddings) and scores every
 * labelled pair by the cosine similarity of the two primary faces. A photo where no face is found
 * scores −1 (a false reject for a genuine pair), so detection misses count against accuracy.
 */
public final class FaceVerificationEvaluation {

    /** Results for one pair list. */
    public record Result(String name, List<ScoredPair> pairs, VerificationMetrics metrics,
            VerificationMetrics.OperatingPoint atFar1, VerificationMetrics.OperatingPoint atFar01, int imagesWithoutFace) {}

    private FaceVerificationEvaluation() {}

    public static List<Result> run(FaceEngine engine, Path deepfaceDir, int threads) throws IOException {
        List<LabelledPairs.Pair> master = LabelledPairs.master(deepfaceDir);
        List<LabelledPairs.Pair> implied = LabelledPairs.implied(deepfaceDir);
        Set<String> images = new LinkedHashSet<>();
        for (List<LabelledPairs.Pair> list : List.of(master, implied)) {
            for (LabelledPairs.Pair p : list) {
                images.add(p.a());
                images.add(p.b());
            }
        }
        Map<String, Optional<float[]>> embeddings = embedAll(engine, deepfaceDir, images, threads);
        List<Result> out = new ArrayList<>();
        out.add(score("master.csv pairs", master, embeddings));
        out.add(score("all pairs the labels imply", implied, embeddings));
        return out;
    }

    private static Result score(String name, List<LabelledPairs.Pair> pairs, Map<String, Optional<float[]>> embeddings) {
        List<ScoredPair> scored = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        for (LabelledPairs.Pair p : pairs) {
            Optional<float[]> a = embeddings.get(p.a());
            Optional<float[]> b = embeddings.get(p.b());
            a.ifPresentOrElse(x -> { }, () -> missing.add(p.a()));
            b.ifPresentOrElse(x -> { }, () -> missing.add(p.b()));
            double s = a.isPresent() && b.isPresent() ? FaceEngine.cosineSimilarity(a.get(), b.get()) : -1;
            scored.add(new ScoredPair(p.a(), p.b(), p.samePerson(), s));
        }
        return new Result(name, scored, VerificationMetrics.of(scored), VerificationMetrics.atFar(scored, 0.01),
                VerificationMetrics.atFar(scored, 0.001), missing.size());
    }

    private static Map<String, Optional<float[]>> embedAll(FaceEngine engine, Path dir, Set<String> images, int threads)
            throws IOException {
        Map<String, Optional<float[]>> out = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (String image : images) {
                jobs.add(pool.submit(() -> {
                    Optional<float[]> e;
                    try {
                        e = engine.analyze(dir.resolve(image)).primaryFace().map(FaceObservation::embedding);
                    } catch (ImageRejectedException | IOException ex) {
                        e = Optional.empty();
                    }
                    out.put(image, e);
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("evaluation failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
        return out;
    }
}
