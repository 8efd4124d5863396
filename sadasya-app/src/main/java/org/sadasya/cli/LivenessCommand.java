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
import java.util.concurrent.Future;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.ImageLiveness;
import org.sadasya.face.challenge.ChallengeEvidence;
import org.sadasya.face.challenge.FaceChallengeResult;
import org.sadasya.face.challenge.FaceChallengeVerdict;
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
 *
 * <p>A line may carry two more tab-separated columns: a challenge burst's frames (comma-separated
 * paths, in capture order) and the steps shown (comma-separated). Every face of the photo is then
 * judged against the burst ({@link BurstArguments}): a face that moved as a plane or did not follow
 * makes the photo {@code spoof}; a burst that cannot tell (frames too dark, blurred, a face lost, a
 * frame that cannot be read) makes it {@code doubt} at best; when every face followed, the burst
 * outweighs the single image's doubt ({@code live}) but not its {@code spoof}.
 */
@Command(name = "liveness", description = "Presentation-attack verdicts (live, spoof, doubt, noface) for the photos listed in a file.")
final class LivenessCommand implements Callable<Integer> {
    @Option(names = "--list", required = true, paramLabel = "FILE", description = "One image path a line, optionally followed by "
            + "<TAB>burst frames (comma-separated)<TAB>steps (comma-separated); prints 'path<TAB>spoofScore<TAB>verdict'.")
    Path list;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    BatchThreads batch;

    @Override
    public Integer call() throws Exception {
        List<String> paths = readList(list);
        try (FaceEngine engine = engineOptions.engine()) {
            ExecutorService pool = batch.pool();
            try {
                List<Future<String>> results = new ArrayList<>();
                for (String p : paths) {
                    results.add(pool.submit(() -> judge(engine, p)));
                }
                PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
                for (int i = 0; i < paths.size(); i++) {
                    out.println(pathOf(paths.get(i)) + "\t" + results.get(i).get());
                }
                out.flush();
            } finally {
                pool.shutdownNow();
            }
        }
        return 0;
    }

    private static String pathOf(String line) {
        return line.split("\t", -1)[0].strip();
    }

    /** {@code spoofScore<TAB>verdict} for one line: the image's final calibrated score and verdict, with its burst if given. */
    static String judge(FaceEngine engine, String line) {
        String[] columns = line.split("\t", -1);
        String path = columns[0].strip();
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
        String verdict = l.label();
        if (columns.length >= 3 && !a.faces().isEmpty()) {
            verdict = withBurst(engine, a, path, columns[1], columns[2], verdict);
        } else if (columns.length == 2) {
            System.err.println(Json.error("BAD_ARGUMENT", path + ": a burst needs its steps in a third column"));
            verdict = atBest(verdict, "doubt");
        }
        return score + "\t" + verdict;
    }

    /** The photo's verdict once every face has been judged against the burst. */
    static String withBurst(FaceEngine engine, ImageAnalysis a, String path, String frames, String steps, String verdict) {
        ChallengeEvidence evidence;
        try {
            evidence = BurstArguments.parse(frames, steps).analyse(engine, a);
        } catch (CliFailure e) {
            System.err.println(Json.error(e.code(), path + ": " + e.getMessage()));
            return atBest(verdict, "doubt");
        }
        List<FaceChallengeVerdict> verdicts = evidence.faces().stream().map(FaceChallengeResult::verdict).toList();
        if (verdicts.contains(FaceChallengeVerdict.PLANAR) || verdicts.contains(FaceChallengeVerdict.NOT_FOLLOWED)) {
            return "spoof";
        }
        if (verdicts.contains(FaceChallengeVerdict.UNUSABLE)) {
            return atBest(verdict, "doubt");
        }
        return verdict.equals("spoof") ? "spoof" : "live";
    }

    /** {@code verdict}, but no better than {@code cap} (spoof is worst, then doubt, then live). */
    private static String atBest(String verdict, String cap) {
        return verdict.equals("spoof") ? "spoof" : verdict.equals("live") ? cap : verdict;
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
