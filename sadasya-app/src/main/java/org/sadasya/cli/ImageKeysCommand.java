package org.sadasya.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sadasya.enrollment.ImageKeys;
import org.sadasya.enrollment.ImageStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sadasya image-keys reseal}: after a rotation of the image key, seals every stored photo
 * again under the current key, so the previous key can then be dropped. Safe beside a running
 * service configured with the same keys (each file is replaced atomically, readable before and
 * after) and safe to stop and run again (files already under the current key are skipped).
 */
@Command(name = "image-keys", mixinStandardHelpOptions = true, description = "Manage the keys photos are sealed with.",
        subcommands = {ImageKeysCommand.Reseal.class})
final class ImageKeysCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    /** The service's image key: the configured one, or the embedded default's key file. Never a new one. */
    static javax.crypto.SecretKey serviceKey(String configured, Path dataDir) {
        Path keyFile = dataDir.resolve("image.key");
        if ((configured == null || configured.isBlank()) && !Files.exists(keyFile)) {
            throw new CliFailure("NO_IMAGE_KEY", "no image key: set SADASYA_IMAGE_KEY, or run in the service's data"
                    + " directory (" + keyFile + " is missing)");
        }
        return ImageKeys.resolve(configured, true, keyFile);
    }

    @Command(name = "reseal", mixinStandardHelpOptions = true,
            description = "Seal every photo under the current image key (SADASYA_IMAGE_KEY), reading the others with"
                    + " SADASYA_IMAGE_PREVIOUS_KEYS; prints {\"files\", \"resealed\", \"keyId\"}.")
    static final class Reseal implements Callable<Integer> {
        @Option(names = "--data-dir", description = "Data directory (default: SADASYA_DATA_DIR, else ./sadasya-data)")
        Path dataDir;

        @Override
        public Integer call() {
            Path dir = DatabaseContext.dataDir(dataDir);
            ImageStore images = new ImageStore(dir.resolve("images"), serviceKey(setting("sadasya.image-key", "SADASYA_IMAGE_KEY"), dir),
                    ImageKeys.previous(setting("sadasya.image-previous-keys", "SADASYA_IMAGE_PREVIOUS_KEYS")));
            int files = 0;
            int resealed = 0;
            for (String imageKey : images.imageKeys()) {
                files++;
                try {
                    resealed += images.reseal(imageKey) ? 1 : 0;
                } catch (IllegalStateException e) {
                    throw new CliFailure("IMAGE_KEY_MISSING", e.getMessage() + " (" + resealed + " of " + files
                            + " resealed so far; run again once the key is configured)");
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("files", files);
            out.put("resealed", resealed);
            out.put("keyId", images.keyId());
            System.out.println(Json.write(out));
            return 0;
        }

        /** A system property ({@code -D}, tests) or the environment variable. */
        private static String setting(String property, String env) {
            String p = System.getProperty(property);
            return p != null ? p : System.getenv(env);
        }
    }
}
