package org.sadasya.face.image;

import java.util.Objects;

/**
 * An accepted upload: upright RGB pixels and the facts read on the way in.
 *
 * @param image           the pixels, EXIF orientation already applied (so {@code image.width()}
 *                        is {@code storedHeight} when the orientation is 5–8)
 * @param format          {@code "jpeg"}, {@code "png"} or {@code "webp"}, from the file's magic bytes
 * @param storedWidth     width as encoded in the file, before orientation
 * @param storedHeight    height as encoded in the file, before orientation
 * @param exifOrientation the EXIF orientation that was applied, 1–8; 1 when absent or invalid
 * @param exif            capture facts from EXIF; {@link ExifFacts#NONE} when there are none
 */
public record DecodedImage(RgbImage image, String format, int storedWidth, int storedHeight, int exifOrientation,
        ExifFacts exif) {

    public DecodedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(exif, "exif");
        if (exifOrientation < 1 || exifOrientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8: " + exifOrientation);
        }
        if (storedWidth <= 0 || storedHeight <= 0) {
            throw new IllegalArgumentException("stored size must be positive: " + storedWidth + "x" + storedHeight);
        }
    }
}
