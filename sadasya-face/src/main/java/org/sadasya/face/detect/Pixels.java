package org.sadasya.face.detect;

import org.sadasya.face.image.RgbImage;

/**
 * A read-only HWC, 3-channel picture seen as float values: either an 8-bit {@link RgbImage}
 * (values 0..255, no copy) or a float tensor produced by an earlier step.
 */
public abstract class Pixels {
    public abstract int height();

    public abstract int width();

    public abstract float at(int y, int x, int c);

    public static Pixels of(RgbImage image) {
        return new Bytes(image);
    }

    public static Pixels of(float[] hwc, int height, int width) {
        return new Floats(hwc, height, width);
    }

    private static final class Bytes extends Pixels {
        private final byte[] rgb;
        private final int w;
        private final int h;

        Bytes(RgbImage image) {
            this.rgb = image.rgb();
            this.w = image.width();
            this.h = image.height();
        }

        @Override
        public int height() {
            return h;
        }

        @Override
        public int width() {
            return w;
        }

        @Override
        public float at(int y, int x, int c) {
            return rgb[(y * w + x) * 3 + c] & 0xff;
        }
    }

    private static final class Floats extends Pixels {
        private final float[] v;
        private final int w;
        private final int h;

        Floats(float[] hwc, int height, int width) {
            if (hwc.length != height * width * 3) {
                throw new IllegalArgumentException("tensor size does not match " + height + "x" + width + "x3");
            }
            this.v = hwc;
            this.h = height;
            this.w = width;
        }

        @Override
        public int height() {
            return h;
        }

        @Override
        public int width() {
            return w;
        }

        @Override
        public float at(int y, int x, int c) {
            return v[(y * w + x) * 3 + c];
        }
    }
}
