package org.sadasya.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.eval.FaceVerificationEvaluation;
import org.sadasya.face.eval.VerificationMetrics;
import org.sadasya.face.eval.challenge.ErrorRate;
import org.sadasya.face.eval.challenge.EvaluateChallenge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sadasya evaluate faces|liveness|challenge}: verification accuracy on the labelled photos,
 * the single-image presentation-attack detector, and the challenge burst analysis.
 */
@Command(name = "evaluate", description = "Measure accuracy on labelled data.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WHAT", description = "'faces': 1:1 verification on shared/data/faces/deepface; "
            + "'liveness': presentation-attack detection, leave-one-source-out on shared/data/pad (ISO/IEC 30107-3 figures); "
            + "'challenge': the challenge burst analysis on the annotated clips of shared/data/video and synthesised attacks "
            + "(APCER per attack type, BPCER, share sent to review; one JSON line per figure).")
    String what;

    @Option(names = "--tickets", description = "For 'challenge': seeded tickets each real clip is judged against.", defaultValue = "50")
    int tickets;

    @Option(names = "--synthetic-tickets", description = "For 'challenge': tickets per synthesised source (0: no synthesised attacks).",
            defaultValue = "10")
    int syntheticTickets;

    @Option(names = "--photos", description = "For 'challenge': deepface photos shown as prints and screens.", defaultValue = "16")
    int photos;

    @Option(names = "--seed", description = "For 'challenge': the ticket draw's seed.", defaultValue = "12")
    long seed;

    @Option(names = "--clips", split = ",", description = "For 'challenge': only these clip folders (default: every annotated clip).")
    List<String> clips = List.of();

    @Option(names = "--shared", description = "For 'liveness' and 'challenge': the shared folder.", defaultValue = "../shared")
    Path shared;

    @Option(names = "--trained-ladder", description = "For 'liveness': judge with the trained ladder instead of the shipped policy.")
    boolean trainedLadder;

    @Option(names = "--data", description = "The deepface folder (master.csv, face-recognition-pivot.csv, photos).",
            defaultValue = "../shared/data/faces/deepface")
    Path data;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        if (what.equals("liveness")) {
            if (!Files.isDirectory(shared.resolve("data/pad"))) {
                throw new CliFailure("BAD_ARGUMENT", shared + " has no data/pad (use --shared DIR)");
            }
            // A fresh feature cache each run, so the figures always come from the current code.
            Path cache = Files.createTempDirectory("sadasya-pad").resolve("features.json");
            cache.toFile().deleteOnExit();
            cache.getParent().toFile().deleteOnExit();
            List<String> args = new java.util.ArrayList<>(List.of("--shared", shared.toString(), "--cache", cache.toString()));
            if (trainedLadder) {
                args.add("--trained-ladder");
            }
            org.sadasya.face.pad.EvaluatePad.main(args.toArray(String[]::new));
            return 0;
        }
        if (what.equals("challenge")) {
            return challenge();
        }
        if (!what.equals("faces")) {
            throw new CliFailure("BAD_ARGUMENT", "unknown evaluation '" + what + "' (known: faces, liveness, challenge)");
        }
        if (!Files.isRegularFile(data.resolve("master.csv"))) {
            throw new CliFailure("BAD_ARGUMENT", data + " has no master.csv (use --data DIR)");
        }
        try (FaceEngine engine = engineOptions.engine()) {
            List<FaceVerificationEvaluation.Result> results =
                    FaceVerificationEvaluation.run(engine, data, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "mode %s, match threshold in use %.3f%n", engine.mode().name().toLowerCase(Locale.ROOT),
                    engine.matchThreshold());
            for (FaceVerificationEvaluation.Result r : results) {
                VerificationMetrics m = r.metrics();
                System.out.printf(Locale.ROOT, "%s: %d genuine + %d impostor pairs, photos without a face %d%n",
                        r.name(), m.genuinePairs(), m.impostorPairs(), r.imagesWithoutFace());
                System.out.printf(Locale.ROOT, "  ROC AUC %.4f   EER %.4f%n", m.rocAuc(), m.equalErrorRate());
                print("  FAR<=1%  ", r.atFar1());
                print("  FAR<=0.1%", r.atFar01());
                print("  in use   ", VerificationMetrics.atThreshold(r.pairs(), engine.matchThreshold()));
            }
        }
        return 0;
    }

    private int challenge() throws Exception {
        if (!Files.isDirectory(shared.resolve("data/video"))) {
            throw new CliFailure("BAD_ARGUMENT", shared + " has no data/video (use --shared DIR)");
        }
        EvaluateChallenge.Options options;
        try {
            options = new EvaluateChallenge.Options(shared, tickets, syntheticTickets, photos, seed, Set.copyOf(clips));
        } catch (IllegalArgumentException e) {
            throw new CliFailure("BAD_ARGUMENT", e.getMessage());
        }
        try (FaceEngine engine = engineOptions.engine()) {
            for (ErrorRate r : new EvaluateChallenge(engine, options).run()) {
                System.out.println(Json.write(r.toJson()));
            }
        }
        return 0;
    }

    private static void print(String label, VerificationMetrics.OperatingPoint p) {
        System.out.printf(Locale.ROOT, "%s threshold %.4f  TAR %.4f  FAR %.4f (%d false accepts)%n",
                label, p.threshold(), p.tar(), p.far(), p.falseAccepts());
    }
}
