package org.sadasya.lab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sadasya.lab.pad.PadDataset;
import org.sadasya.lab.pad.TrainPad;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab train pad}: trains the bundled presentation-attack model and its fold models. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the models the service ships.",
        subcommands = {TrainCommand.Pad.class})
final class TrainCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    @Command(name = "pad", mixinStandardHelpOptions = true,
            description = "Train the presentation-attack model on shared/data/pad and shared/data/faces (deterministic); "
                    + "writes the bundled model and one model per held-out source for the tests.")
    static final class Pad implements Callable<Integer> {
        @Option(names = "--shared", defaultValue = "../shared", description = "The shared folder.")
        Path shared;

        @Option(names = "--cache", defaultValue = PadDataset.DEFAULT_CACHE, description = "Feature cache (reused when its version matches).")
        Path cache;

        @Option(names = "--out", defaultValue = TrainPad.MODEL_FILE, description = "The model file.")
        Path out;

        @Option(names = "--folds", defaultValue = TrainPad.FOLDS_FILE, description = "The fold models' file.")
        Path folds;

        @Override
        public Integer call() throws Exception {
            TrainPad.run(EvaluateCommand.shared(shared, "data/pad"), cache, out, folds);
            return 0;
        }
    }
}
