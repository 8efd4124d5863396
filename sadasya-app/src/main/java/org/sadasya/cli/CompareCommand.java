package org.sadasya.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.image.ImageRejectedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sadasya compare A B} and {@code sadasya compare --pairs FILE}: are the primary faces of two
 * photos the same person? The batch form runs in one process, embeds each distinct photo once,
 * uses every core, and prints results in input order.
 */
@Command(name = "compare", description = "Compare the primary faces of two photos, or of each pair in a file.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "0..2", paramLabel = "IMAGE", description = "Two photos (omit with --pairs).")
    List<Path> images = new ArrayList<>();

    @Option(names = "--pairs", paramLabel = "FILE", description = "Lines 'pathA<TAB>pathB'; prints 'pathA<TAB>pathB<TAB>similarity<TAB>match'.")
    Path pairs;

    @Mixin
    BatchThreads batch;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        if (pairs != null) {
            if (!images.isEmpty()) {
                throw new CliFailure("BAD_ARGUMENT", "give either two images or --pairs FILE, not both");
            }
            return batch();
        }
        if (images.size() != 2) {
            throw new CliFailure("BAD_ARGUMENT", "compare needs two images (or --pairs FILE)");
        }
        try (FaceEngine engine = engineOptions.engine()) {
            Optional<float[]> a = EngineOptions.analyze(engine, images.get(0)).primaryFace().map(FaceObservation::embedding);
            Optional<float[]> b = EngineOptions.analyze(engine, images.get(1)).primaryFace().map(FaceObservation::embedding);
            Map<String, Object> out = new LinkedHashMap<>();
            Double similarity = a.isPresent() && b.isPresent() ? FacesCommand.round(FaceEngine.cosineSimilarity(a.get(), b.get())) : null;
            out.put("similarity", similarity);
            out.put("match", similarity != null && similarity > engine.matchThreshold());
            out.put("threshold", engine.matchThreshold());
            System.out.println(Json.write(out));
        }
        return 0;
    }

    private int batch() throws Exception {
        List<String[]> lines = readPairs(pairs);
        try (FaceEngine engine = engineOptions.engine()) {
            Map<String, Future<Optional<float[]>>> embeddings = new ConcurrentHashMap<>();
            ExecutorService pool = batch.pool();
            try {
                for (String[] pair : lines) {
                    for (String path : pair) {
                        embeddings.computeIfAbsent(path, p -> pool.submit(() -> embed(engine, Path.of(p))));
                    }
                }
                PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
                for (String[] pair : lines) {
                    Optional<float[]> a = embeddings.get(pair[0]).get();
                    Optional<float[]> b = embeddings.get(pair[1]).get();
                    double s = a.isPresent() && b.isPresent() ? FaceEngine.cosineSimilarity(a.get(), b.get()) : Double.NaN;
                    boolean match = !Double.isNaN(s) && s > engine.matchThreshold();
                    out.println(pair[0] + "\t" + pair[1] + "\t" + (Double.isNaN(s) ? "NaN" : String.format(java.util.Locale.ROOT, "%.6f", s)) + "\t" + match);
                }
                out.flush();
            } finally {
                pool.shutdownNow();
            }
        }
        return 0;
    }

    /** The primary face's embedding; empty (with a note on stderr) when there is none or the photo is unusable. */
    private static Optional<float[]> embed(FaceEngine engine, Path image) {
        try {
            Optional<float[]> e = engine.analyze(image).primaryFace().map(FaceObservation::embedding);
            if (e.isEmpty()) {
                System.err.println(Json.error("NO_FACE", image + ": no face found"));
            }
            return e;
        } catch (ImageRejectedException e) {
            System.err.println(Json.error(e.code().name(), image + ": " + e.getMessage()));
        } catch (IOException e) {
            System.err.println(Json.error("IMAGE_UNREADABLE", image + ": " + e.getMessage()));
        }
        return Optional.empty();
    }

    static List<String[]> readPairs(Path file) {
        List<String> raw;
        try {
            raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure("BAD_ARGUMENT", "cannot read pairs file " + file + ": " + e.getMessage());
        }
        List<String[]> lines = new ArrayList<>();
        int n = 0;
        for (String line : raw) {
            n++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\t");
            if (parts.length != 2) {
                throw new CliFailure("BAD_ARGUMENT", file + " line " + n + ": expected 'pathA<TAB>pathB'");
            }
            lines.add(parts);
        }
        return lines;
    }
}
