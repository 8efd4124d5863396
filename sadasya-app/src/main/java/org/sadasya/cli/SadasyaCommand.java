package org.sadasya.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sadasya} command line: one executable jar, one sub-command per job (DESIGN.md). */
@Command(
        name = "sadasya",
        mixinStandardHelpOptions = true,
        version = "sadasya 0.1.0",
        description = "Verified digital membership drives.",
        subcommands = {BenchCommand.class})
public final class SadasyaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SadasyaCommand()).execute(args));
    }
}
