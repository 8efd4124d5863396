package org.sadasya.lab.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sadasya.lab.JsonLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./lab}: what measures rather than serves, in one command tree. Every figure in the
 * READMEs comes from one of these commands; none of them is part of the service.
 */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        version = "sadasya-lab 0.1.0",
        description = "Benchmarks, evaluations and training for Sadasya (not part of the service).",
        subcommands = {BenchCommand.class, EvaluateCommand.class, TrainCommand.class})
public final class LabCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.err); // no command: say which there are
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs a command. As the service's command line: unusable input ends with exit 2 and one JSON
     * line {@code {"code", "message"}} on stderr; anything else with exit 1.
     */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new LabCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> fail("BAD_ARGUMENT", e.getMessage()));
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof LabFailure f) {
                return fail(f.code(), f.getMessage());
            }
            if (e instanceof IllegalArgumentException) {
                return fail("BAD_ARGUMENT", e.getMessage());
            }
            fail("INTERNAL_ERROR", e.getClass().getSimpleName() + ": " + e.getMessage());
            if (System.getenv("SADASYA_DEBUG") != null) {
                e.printStackTrace();
            }
            return 1;
        });
        return cli.execute(args);
    }

    /** Prints the error line on stderr and returns the exit code for unusable input. */
    private static int fail(String code, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", String.valueOf(message));
        System.err.println(JsonLines.write(error));
        return 2;
    }
}
