package org.sadasya.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sadasya} command line: one executable jar, one sub-command per job the service or its
 * operators run (DESIGN.md). Benchmarks, evaluations and training are {@code ./sadasya-lab}'s.
 */
@Command(
        name = "sadasya",
        mixinStandardHelpOptions = true,
        version = "sadasya 0.1.0",
        description = "Verified digital membership drives.",
        subcommands = {
            FacesCommand.class,
            CompareCommand.class,
            LivenessCommand.class,
            AuditCommand.class,
            ServeCommand.class,
            IndexCommand.class,
            ReembedCommand.class,
            AuditLogCommand.class,
            CardKeyCommand.class,
            ImageKeysCommand.class,
        })
public final class SadasyaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line; unusable input ends with exit 2 and one JSON line on stderr. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new SadasyaCommand());
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println(Json.error("BAD_ARGUMENT", e.getMessage()));
            return CliFailure.EXIT_CODE;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof CliFailure f) {
                System.err.println(Json.error(f.code(), f.getMessage()));
                return CliFailure.EXIT_CODE;
            }
            System.err.println(Json.error("INTERNAL_ERROR", e.getClass().getSimpleName() + ": " + e.getMessage()));
            if (System.getenv("SADASYA_DEBUG") != null) {
                e.printStackTrace();
            }
            return 1;
        });
        return cli.execute(args);
    }
}
