package org.sadasya.face.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A decoded picture: 8-bit RGB, interleaved, row-major, orientation already applied. The engine's
 * only pixel type, so that every stage reads the same bytes whatever the source format was.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] rgb;

    public RgbImage(int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        Objects.requireNonNull(rgb, "rgb");
        if (rgb.length != Math.multiplyExact(Math.multiplyExact(width, height), 3)) {
            throw new IllegalArgumentException("rgb length " + rgb.length + " does not match " + width + "x" + height + "x3");
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixels, RGB interleaved; shared, not copied: callers must not modify them. */
    public byte[] rgb() {
        return rgb;
    }

    /** Channel {@code c} (0 = R, 1 = G, 2 = B) of pixel (x, y), 0..255. */
    public int channel(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }

    /** The pixels of any BufferedImage as RGB (grey stays grey: no colour-space gamma applied). */
    public static RgbImage of(BufferedImage image) {
        return RgbConversion.toRgb(image);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[width * height];
        for (int i = 0, j = 0; i < argb.length; i++, j += 3) {
            argb[i] = ((rgb[j] & 0xff) << 16) | ((rgb[j + 1] & 0xff) << 8) | (rgb[j + 2] & 0xff);
        }
        out.setRGB(0, 0, width, height, argb, 0, width);
        return out;
    }
}
