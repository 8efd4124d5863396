package org.sadasya.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sadasya bench …}: benchmarks that print one JSON line per result. */
@Command(name = "bench", description = "Benchmarks (one JSON line per result).",
        subcommands = {FaceBenchCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
