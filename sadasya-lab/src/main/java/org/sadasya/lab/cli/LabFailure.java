package org.sadasya.lab.cli;

/** Input a lab command cannot use: exit 2 with its code and message as one JSON line on stderr. */
final class LabFailure extends RuntimeException {
    private final String code;

    LabFailure(String code, String message) {
        super(message);
        this.code = code;
    }

    static LabFailure badArgument(String message) {
        return new LabFailure("BAD_ARGUMENT", message);
    }

    String code() {
        return code;
    }
}
