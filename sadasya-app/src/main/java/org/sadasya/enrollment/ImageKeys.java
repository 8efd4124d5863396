package org.sadasya.enrollment;

import java.nio.file.Path;
import java.util.List;
import javax.crypto.SecretKey;
import org.sadasya.common.SecretKeyFile;

/**
 * Where the image key (AES-256-GCM for images at rest) comes from: {@code sadasya.image-key}, or,
 * for the embedded default only, {@code <data-dir>/image.key}. Images cannot be read without it.
 */
public final class ImageKeys {

    private static final SecretKeyFile KEY = new SecretKeyFile("sadasya.image-key", "SADASYA_IMAGE_KEY", "AES",
            "image encryption");

    private ImageKeys() {}

    public static SecretKey resolve(String configured, boolean mayGenerate, Path keyFile) {
        return KEY.resolve(configured, mayGenerate, keyFile);
    }

    /** {@code sadasya.image-previous-keys}: keys retired by a rotation, to read the images they sealed. */
    public static List<SecretKey> previous(String configuredList) {
        return KEY.previous(configuredList, "sadasya.image-previous-keys");
    }
}
