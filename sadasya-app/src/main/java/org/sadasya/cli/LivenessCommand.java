package org.sadasya.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.ImageLiveness;
import org.sadasya.face.image.ImageRejectedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sadasya liveness --list FILE}: presentation-attack verdicts for a batch of photos, one
 * line {@code path<TAB>spoofScore<TAB>verdict} per input line, in input order. The score is the
 * calibrated final score of the image (worst face, with the whole-image cues where the model uses
 * them); the verdict is {@code live}, {@code spoof}, {@code doubt} or {@code noface} (score
 * {@code NaN}). A photo that cannot be read is reported as {@code noface} with a JSON diagnostic on
 * stderr, and the batch goes on.
 */
@Command(name = "liveness", description = "Presentation-attack verdicts (live, spoof, doubt, noface) for the photos listed in a file.")
final class LivenessCommand implements Callable<Integer> {
    @Option(names = "--list", required = true, paramLabel = "FILE", description = "One image path a line; prints 'path<TAB>spoofScore<TAB>verdict'.")
    Path list;

    @Option(names = "--threads", description = "Photos analysed at once (default: number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        List<String> paths = readList(list);
        try (FaceEngine engine = engineOptions.engine()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
            try {
                List<Future<String>> results = new ArrayList<>();
                for (String p : paths) {
                    results.add(pool.submit(() -> judge(engine, p)));
                }
                PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
                for (int i = 0; i < paths.size(); i++) {
                    out.println(paths.get(i) + "\t" + results.get(i).get());
                }
                out.flush();
            } finally {
                pool.shutdownNow();
            }
        }
        return 0;
    }

    /** {@code spoofScore<TAB>verdict} for one photo: the image's final calibrated score and verdict. */
    static String judge(FaceEngine engine, String path) {
        ImageAnalysis a;
        try {
            a = engine.analyze(Path.of(path));
        } catch (ImageRejectedException e) {
            System.err.println(Json.error(e.code().name(), path + ": " + e.getMessage()));
            return "NaN\tnoface";
        } catch (IOException | RuntimeException e) {
            System.err.println(Json.error("IMAGE_UNREADABLE", path + ": " + e.getMessage()));
            return "NaN\tnoface";
        }
        ImageLiveness l = a.liveness();
        String score = l.verdict().isEmpty() ? "NaN" : String.format(Locale.ROOT, "%.6f", l.spoofScore());
        return score + "\t" + l.label();
    }

    static List<String> readList(Path file) {
        List<String> raw;
        try {
            raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure("BAD_ARGUMENT", "cannot read list file " + file + ": " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (String line : raw) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }
}
