package org.sadasya.face.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the read-only shared material (../shared beside the repository root) as DESIGN.md,
 * "Tests and data", says: the system property {@code sadasya.shared} first, else a folder named
 * {@code shared} beside any parent of the working directory.
 *
 * <p>Outside CI a test that needs the data is skipped with a clear message when it is absent; in
 * CI ({@code CI=true}) the absence is a failure, never a skip.
 */
public final class SharedData {

    private SharedData() {}

    /** The shared folder, or a skip (outside CI) / failure (in CI) when it cannot be found. */
    public static Path root() {
        Path found = locate();
        if (found == null) {
            String message = "shared data not found: set -Dsadasya.shared=DIR or place 'shared' beside the repository";
            if (isCi()) {
                throw new AssertionError(message + " (CI=true: missing data is a failure)");
            }
            Assumptions.abort(message);
        }
        return found;
    }

    /** A path inside the shared folder, which must exist. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new AssertionError("expected shared file is missing: " + p);
        }
        return p;
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static Path locate() {
        String property = System.getProperty("sadasya.shared");
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property).toAbsolutePath().normalize();
            if (Files.isDirectory(p.resolve("data"))) {
                return p;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("data")) && Files.isDirectory(candidate.resolve("golden"))) {
                return candidate;
            }
        }
        return null;
    }
}
