package org.sadasya.enrollment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the image key comes from. There is no built-in key: a configured key (base64 of 32 bytes)
 * wins; only the embedded default may generate one, into the data directory, readable by the owner
 * only. The key itself is never logged.
 */
public final class ImageKeys {

    private static final Logger log = LoggerFactory.getLogger(ImageKeys.class);

    private ImageKeys() {}

    public static SecretKey resolve(String configured, boolean mayGenerate, Path keyFile) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.trim(), "sadasya.image-key");
        }
        if (!mayGenerate) {
            throw new IllegalStateException("no image key: set sadasya.image-key (SADASYA_IMAGE_KEY) to the base64 of 32"
                    + " random bytes; only the embedded H2 default generates one");
        }
        try {
            if (Files.exists(keyFile)) {
                return decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim(), keyFile.toString());
            }
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            Files.createDirectories(keyFile.getParent());
            try {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(keyFile);
            }
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(raw), StandardCharsets.US_ASCII);
            log.warn("generated a new image encryption key in {} (owner-only); back it up: images cannot be read without it",
                    keyFile);
            return new SecretKeySpec(raw, "AES");
        } catch (FileAlreadyExistsException e) {
            return resolve(null, true, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the image key file " + keyFile, e);
        }
    }

    private static SecretKey decode(String base64, String source) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(source + " must hold 32 bytes (AES-256), has " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }
}
