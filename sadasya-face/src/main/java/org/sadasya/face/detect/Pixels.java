package org.sadasya.face.detect;

import org.sadasya.face.image.RgbImage;

/**
 * A read-only HWC, 3-channel picture seen as float values: either an 8-bit {@link RgbImage}
 * (values 0..255, no copy) or a float tensor produced by an earlier step.
 */
public abstract class Pixels {
    private final int h;
    private final int w;

    private Pixels(int height, int width) {
        this.h = height;
        this.w = width;
    }

    public final int height() {
        return h;
    }

    public final int width() {
        return w;
    }

    public abstract float at(int y, int x, int c);

    public static Pixels of(RgbImage image) {
        return new Bytes(image);
    }

    public static Pixels of(float[] hwc, int height, int width) {
        return new Floats(hwc, height, width);
    }

    private static final class Bytes extends Pixels {
        private final byte[] rgb;

        Bytes(RgbImage image) {
            super(image.height(), image.width());
            this.rgb = image.rgb();
        }

        @Override
        public float at(int y, int x, int c) {
            return rgb[(y * width() + x) * 3 + c] & 0xff;
        }
    }

    private static final class Floats extends Pixels {
        private final float[] v;

        Floats(float[] hwc, int height, int width) {
            super(height, width);
            if (hwc.length != height * width * 3) {
                throw new IllegalArgumentException("tensor size does not match " + height + "x" + width + "x3");
            }
            this.v = hwc;
        }

        @Override
        public float at(int y, int x, int c) {
            return v[(y * width() + x) * 3 + c];
        }
    }
}
