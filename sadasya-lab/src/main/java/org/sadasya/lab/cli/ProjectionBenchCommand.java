package org.sadasya.lab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.PipelineMode;
import org.sadasya.lab.face.LabelledPairs;
import org.sadasya.lab.face.ScoredPair;
import org.sadasya.lab.face.VerificationMetrics;
import org.sadasya.index.Vectors;
import org.sadasya.lab.index.LearnedProjection;
import org.sadasya.lab.JsonLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab bench projection}: what a learned projection of the 1024-d embeddings to fewer
 * dimensions costs in verification accuracy. The PCA is learned on faces that are not in the
 * evaluation (the live faces of data/pad and the photos of data/faces/multi and singles) and
 * evaluated on every pair the deepface labels imply, as {@code bench error-budget --embeddings engine}.
 */
@Command(name = "projection", mixinStandardHelpOptions = true,
        description = "Verification accuracy of the embeddings projected to fewer dimensions by a PCA learned on other faces; one JSON line per dimension.")
final class ProjectionBenchCommand implements Callable<Integer> {

    @Option(names = "--dims", defaultValue = "16,32,64,128,256", split = ",", description = "Dimensions to keep.")
    List<Integer> dims;

    @Option(names = "--shared", description = "The shared data folder (default ../shared).")
    Path shared;

    @Override
    public Integer call() throws Exception {
        Path data = (shared == null ? Path.of("../shared") : shared).resolve("data");
        Path deepface = data.resolve("faces/deepface");
        if (!Files.isRegularFile(deepface.resolve("master.csv"))) {
            throw LabFailure.badArgument(deepface + " has no master.csv (use --shared DIR)");
        }
        LabelledPairs.Identities ids = LabelledPairs.identities(deepface);
        List<float[]> training = new ArrayList<>();
        Map<String, float[]> evaluation = new LinkedHashMap<>();
        try (FaceEngine engine = FaceEngine.create(PipelineMode.DEFAULT)) {
            for (Path image : images(data.resolve("pad"), "/live/")) {
                engine.analyze(image).primaryFace().ifPresent(f -> training.add(f.embedding()));
            }
            for (Path image : images(data.resolve("faces/multi"), "/")) {
                engine.analyze(image).faces().forEach(f -> training.add(f.embedding()));
            }
            for (Path image : images(data.resolve("faces/singles"), "/")) {
                engine.analyze(image).primaryFace().ifPresent(f -> training.add(f.embedding()));
            }
            for (String image : ids.identityOf().keySet()) {
                engine.analyze(deepface.resolve(image)).primaryFace().map(FaceObservation::embedding)
                        .ifPresent(e -> evaluation.put(image, e));
            }
        }
        LearnedProjection pca = LearnedProjection.fit(training);
        List<LabelledPairs.Pair> pairs = LabelledPairs.implied(deepface);

        print(row("1024 (as shipped)", 1024, Double.NaN, training.size(), pairs, evaluation, UnaryOperator.identity()));
        print(row("1024 centred", 1024, 1.0, training.size(), pairs, evaluation, pca::centre));
        for (int d : dims) {
            if (d > pca.maxDimensions()) {
                System.err.printf(Locale.ROOT, "skipping %d dimensions: %d training faces give at most %d%n", d, training.size(), pca.maxDimensions());
                continue;
            }
            print(row("pca", d, pca.varianceShare(d), training.size(), pairs, evaluation, x -> pca.apply(x, d)));
        }
        return 0;
    }

    private static Map<String, Object> row(String kind, int d, double varianceShare, int trainingFaces, List<LabelledPairs.Pair> pairs,
            Map<String, float[]> evaluation, UnaryOperator<float[]> transform) {
        Map<String, float[]> projected = new LinkedHashMap<>();
        evaluation.forEach((image, e) -> projected.put(image, Vectors.normalized(transform.apply(e))));
        List<ScoredPair> scored = new ArrayList<>();
        for (LabelledPairs.Pair p : pairs) {
            float[] a = projected.get(p.a());
            float[] b = projected.get(p.b());
            if (a != null && b != null) {
                scored.add(new ScoredPair(p.a(), p.b(), p.samePerson(), Vectors.dot(a, b)));
            }
        }
        VerificationMetrics m = VerificationMetrics.of(scored);
        VerificationMetrics.OperatingPoint at1 = VerificationMetrics.atFar(scored, 0.01);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("projection", kind);
        out.put("dims", d);
        out.put("trainingVarianceKept", varianceShare);
        out.put("trainingFaces", trainingFaces);
        out.put("genuinePairs", m.genuinePairs());
        out.put("impostorPairs", m.impostorPairs());
        out.put("rocAuc", m.rocAuc());
        out.put("eer", m.equalErrorRate());
        out.put("tarAtFar1pct", at1.tar());
        out.put("thresholdAtFar1pct", at1.threshold());
        out.put("bytesPerVectorFloat32", 4 * d);
        return out;
    }

    private static void print(Map<String, Object> row) {
        JsonLines.print((row));
    }

    private static List<Path> images(Path dir, String mustContain) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains(mustContain))
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)"))
                    .sorted()
                    .toList();
        }
    }
}
