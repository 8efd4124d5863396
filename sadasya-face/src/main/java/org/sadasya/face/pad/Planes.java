package org.sadasya.face.pad;

import org.sadasya.face.FaceBox;
import org.sadasya.face.image.RgbImage;

/**
 * Float pixel planes cut from an {@link RgbImage}: the common input of the texture, recapture and
 * motion analyses. A plane is row-major, {@code width * height} values.
 */
final class Planes {

    private Planes() {}

    /** A box clipped to the image, in whole pixels; at least 1 × 1. */
    static int[] clip(RgbImage image, FaceBox box) {
        int x1 = (int) Math.floor(Math.max(0, box.x()));
        int y1 = (int) Math.floor(Math.max(0, box.y()));
        int x2 = (int) Math.ceil(Math.min(image.width(), box.x2()));
        int y2 = (int) Math.ceil(Math.min(image.height(), box.y2()));
        x1 = Math.min(x1, image.width() - 1);
        y1 = Math.min(y1, image.height() - 1);
        x2 = Math.max(x2, x1 + 1);
        y2 = Math.max(y2, y1 + 1);
        return new int[] {x1, y1, x2, y2};
    }

    /**
     * The region {@code box} (clipped to the image) resampled to {@code size × size}, as three
     * planes R, G, B in 0..255. Downscaling averages every source pixel that falls into a target
     * pixel (area resampling, no aliasing); upscaling is bilinear. Normalising the size keeps the
     * texture features comparable between a 60-pixel and a 600-pixel face.
     */
    static float[][] resampledRgb(RgbImage image, FaceBox box, int size) {
        int[] c = clip(image, box);
        int w = c[2] - c[0];
        int h = c[3] - c[1];
        float[][] out = new float[3][size * size];
        for (int ty = 0; ty < size; ty++) {
            double sy0 = c[1] + (double) ty * h / size;
            double sy1 = c[1] + (double) (ty + 1) * h / size;
            for (int tx = 0; tx < size; tx++) {
                double sx0 = c[0] + (double) tx * w / size;
                double sx1 = c[0] + (double) (tx + 1) * w / size;
                int i = ty * size + tx;
                if (sx1 - sx0 >= 1 && sy1 - sy0 >= 1) {
                    area(image, sx0, sy0, sx1, sy1, out, i);
                } else {
                    bilinear(image, (sx0 + sx1) / 2 - 0.5, (sy0 + sy1) / 2 - 0.5, c, out, i);
                }
            }
        }
        return out;
    }

    private static void area(RgbImage image, double x0, double y0, double x1, double y1, float[][] out, int i) {
        double r = 0, g = 0, b = 0, wsum = 0;
        for (int y = (int) Math.floor(y0); y < Math.ceil(y1); y++) {
            double wy = Math.min(y + 1, y1) - Math.max(y, y0);
            if (wy <= 0) {
                continue;
            }
            for (int x = (int) Math.floor(x0); x < Math.ceil(x1); x++) {
                double wx = Math.min(x + 1, x1) - Math.max(x, x0);
                if (wx <= 0) {
                    continue;
                }
                double wgt = wx * wy;
                r += wgt * image.channel(x, y, 0);
                g += wgt * image.channel(x, y, 1);
                b += wgt * image.channel(x, y, 2);
                wsum += wgt;
            }
        }
        out[0][i] = (float) (r / wsum);
        out[1][i] = (float) (g / wsum);
        out[2][i] = (float) (b / wsum);
    }

    private static void bilinear(RgbImage image, double x, double y, int[] c, float[][] out, int i) {
        x = Math.max(c[0], Math.min(c[2] - 1, x));
        y = Math.max(c[1], Math.min(c[3] - 1, y));
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int x1 = Math.min(x0 + 1, c[2] - 1);
        int y1 = Math.min(y0 + 1, c[3] - 1);
        double fx = x - x0;
        double fy = y - y0;
        for (int ch = 0; ch < 3; ch++) {
            double top = image.channel(x0, y0, ch) * (1 - fx) + image.channel(x1, y0, ch) * fx;
            double bottom = image.channel(x0, y1, ch) * (1 - fx) + image.channel(x1, y1, ch) * fx;
            out[ch][i] = (float) (top * (1 - fy) + bottom * fy);
        }
    }

    /** Luma (BT.601) of an RGB plane triple. */
    static float[] luma(float[][] rgb) {
        float[] y = new float[rgb[0].length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.299f * rgb[0][i] + 0.587f * rgb[1][i] + 0.114f * rgb[2][i];
        }
        return y;
    }

    /** Luma of the whole image at native resolution. */
    static float[] luma(RgbImage image) {
        int n = image.width() * image.height();
        byte[] p = image.rgb();
        float[] y = new float[n];
        for (int i = 0, j = 0; i < n; i++, j += 3) {
            y[i] = 0.299f * (p[j] & 0xff) + 0.587f * (p[j + 1] & 0xff) + 0.114f * (p[j + 2] & 0xff);
        }
        return y;
    }

    /**
     * HSV of RGB planes, each scaled to 0..255 (hue as a fraction of the circle). Returns H, S, V.
     */
    static float[][] hsv(float[][] rgb) {
        int n = rgb[0].length;
        float[][] out = new float[3][n];
        for (int i = 0; i < n; i++) {
            float r = rgb[0][i], g = rgb[1][i], b = rgb[2][i];
            float max = Math.max(r, Math.max(g, b));
            float min = Math.min(r, Math.min(g, b));
            float d = max - min;
            float h;
            if (d <= 1e-6f) {
                h = 0;
            } else if (max == r) {
                h = ((g - b) / d) / 6f;
            } else if (max == g) {
                h = ((b - r) / d + 2) / 6f;
            } else {
                h = ((r - g) / d + 4) / 6f;
            }
            if (h < 0) {
                h += 1;
            }
            out[0][i] = h * 255f;
            out[1][i] = max <= 1e-6f ? 0 : 255f * d / max;
            out[2][i] = max;
        }
        return out;
    }

    /** YCbCr (BT.601, full range) of RGB planes. Returns Y, Cb, Cr in 0..255. */
    static float[][] yCbCr(float[][] rgb) {
        int n = rgb[0].length;
        float[][] out = new float[3][n];
        for (int i = 0; i < n; i++) {
            float r = rgb[0][i], g = rgb[1][i], b = rgb[2][i];
            out[0][i] = 0.299f * r + 0.587f * g + 0.114f * b;
            out[1][i] = 128f - 0.168736f * r - 0.331264f * g + 0.5f * b;
            out[2][i] = 128f + 0.5f * r - 0.418688f * g - 0.081312f * b;
        }
        return out;
    }

    /** Grey plane of a box at native resolution (no resampling), clipped to the image. */
    static float[] nativeLuma(RgbImage image, int[] clip) {
        int w = clip[2] - clip[0];
        int h = clip[3] - clip[1];
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = clip[0] + x, sy = clip[1] + y;
                out[y * w + x] = 0.299f * image.channel(sx, sy, 0) + 0.587f * image.channel(sx, sy, 1)
                        + 0.114f * image.channel(sx, sy, 2);
            }
        }
        return out;
    }
}
