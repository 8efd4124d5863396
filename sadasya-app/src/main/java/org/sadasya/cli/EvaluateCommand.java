package org.sadasya.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.eval.FaceVerificationEvaluation;
import org.sadasya.face.eval.VerificationMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sadasya evaluate faces}: verification accuracy of the Java pipeline on the labelled photos. */
@Command(name = "evaluate", description = "Measure accuracy on labelled data.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WHAT", description = "'faces': 1:1 verification on shared/data/faces/deepface; "
            + "'liveness': presentation-attack detection, leave-one-source-out on shared/data/pad (ISO/IEC 30107-3 figures).")
    String what;

    @Option(names = "--shared", description = "For 'liveness': the shared folder.", defaultValue = "../shared")
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
        if (!what.equals("faces")) {
            throw new CliFailure("BAD_ARGUMENT", "unknown evaluation '" + what + "' (known: faces, liveness)");
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

    private static void print(String label, VerificationMetrics.OperatingPoint p) {
        System.out.printf(Locale.ROOT, "%s threshold %.4f  TAR %.4f  FAR %.4f (%d false accepts)%n",
                label, p.threshold(), p.tar(), p.far(), p.falseAccepts());
    }
}
