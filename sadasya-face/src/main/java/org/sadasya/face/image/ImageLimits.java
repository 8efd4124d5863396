package org.sadasya.face.image;

/**
 * What {@link ImageIntake} accepts. Every limit is checked before a pixel is decoded: the byte
 * count first, then the dimensions read from the file's header. The dimension limits apply to the
 * image as stored, before EXIF orientation is applied, because that is what gets allocated.
 *
 * @param maxBytes  largest encoded file, bytes
 * @param maxWidth  widest image, pixels
 * @param maxHeight tallest image, pixels
 * @param maxPixels most pixels (width × height); bounds the memory one decode takes (about
 *                  3 bytes a pixel for the decoder's buffer, 3 more for the RGB copy)
 * @param minSide   shortest side accepted, pixels; below it a face is too small to be useful
 */
public record ImageLimits(int maxBytes, int maxWidth, int maxHeight, long maxPixels, int minSide) {

    /**
     * 20 MiB, 8192 × 8192, 40 megapixels, 32 pixels. Phone cameras of 2025 write 12–50 MP JPEGs
     * of 2–12 MB; 40 MP keeps one decode near 240 MB of heap.
     */
    public static final ImageLimits DEFAULT = new ImageLimits(20 * 1024 * 1024, 8192, 8192, 40_000_000L, 32);

    public ImageLimits {
        // The upload is held in one byte array (plus one byte to detect an overlong file).
        if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBytes must be positive and fit in an array: " + maxBytes);
        }
        if (maxWidth <= 0 || maxHeight <= 0) {
            throw new IllegalArgumentException("maxWidth and maxHeight must be positive: " + maxWidth + "x" + maxHeight);
        }
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
        if (minSide <= 0 || minSide > Math.min(maxWidth, maxHeight)) {
            throw new IllegalArgumentException(
                    "minSide must be positive and at most the smaller of maxWidth and maxHeight: " + minSide);
        }
        if ((long) minSide * minSide > maxPixels) {
            throw new IllegalArgumentException("maxPixels " + maxPixels + " refuses even a " + minSide + "x" + minSide + " image");
        }
    }

    /** Refuses an image whose stored dimensions (from its header) are outside these limits. */
    void checkDimensions(int width, int height) throws ImageRejectedException {
        if (width > maxWidth || height > maxHeight) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_TOO_LARGE, "the image is " + width + "x" + height
                    + " pixels; the largest accepted is " + maxWidth + "x" + maxHeight);
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_TOO_LARGE, "the image is " + width + "x" + height
                    + " pixels (" + megapixels(pixels) + " megapixels); at most " + megapixels(maxPixels) + " megapixels are accepted");
        }
        if (width < minSide || height < minSide) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_TOO_SMALL, "the image is " + width + "x" + height
                    + " pixels; each side must be at least " + minSide + " pixels");
        }
    }

    /** Refuses an encoded size over {@link #maxBytes()}. */
    void checkByteCount(long bytes) throws ImageRejectedException {
        if (bytes > maxBytes) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_TOO_LARGE,
                    "the file is " + mebibytes(bytes) + " MiB; the limit is " + mebibytes(maxBytes) + " MiB");
        }
    }

    private static String megapixels(long pixels) {
        return String.format(java.util.Locale.ROOT, "%.1f", pixels / 1e6);
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
