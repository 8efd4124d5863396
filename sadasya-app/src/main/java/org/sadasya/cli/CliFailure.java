package org.sadasya.cli;

/**
 * Input the command cannot use. The command line prints it as one JSON line
 * {@code {"code": …, "message": …}} on stderr and exits with status 2 (DESIGN.md, "Command line").
 */
public final class CliFailure extends RuntimeException {
    public static final int EXIT_CODE = 2;
    private final String code;

    public CliFailure(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
