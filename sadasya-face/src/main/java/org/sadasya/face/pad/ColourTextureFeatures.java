package org.sadasya.face.pad;

import org.sadasya.face.FaceBox;
import org.sadasya.face.image.RgbImage;

/**
 * Colour texture of a face: uniform LBP(8,1) histograms of the H, S, V and Y, Cb, Cr channels of
 * the face region resampled to 64 × 64 — the descriptor of Boulkenafet, Komulainen and Hadid,
 * "Face anti-spoofing based on color texture analysis" (ICIP 2015), whose point is that a recapture
 * keeps the luminance texture of a face but disturbs its chroma texture (printer and screen gamut,
 * dot patterns, blur), so the chroma channels carry most of the signal.
 *
 * <p>Output: 6 channels × 59 bins = 354 values, each channel's histogram summing to 1.
 */
public final class ColourTextureFeatures {

    /** The face region is resampled to this many pixels a side (the paper's 64 × 64). */
    public static final int SIZE = 64;
    /** Uniform LBP(8,1): 58 uniform patterns plus one bin for all others. */
    public static final int BINS = 59;
    public static final int LENGTH = 6 * BINS;

    private static final int[] UNIFORM_BIN = uniformMapping();

    private ColourTextureFeatures() {}

    public static double[] of(RgbImage image, FaceBox region) {
        float[][] rgb = Planes.resampledRgb(image, region, SIZE);
        float[][] hsv = Planes.hsv(rgb);
        float[][] ycc = Planes.yCbCr(rgb);
        double[] out = new double[LENGTH];
        float[][] channels = {hsv[0], hsv[1], hsv[2], ycc[0], ycc[1], ycc[2]};
        for (int c = 0; c < channels.length; c++) {
            lbpHistogram(channels[c], SIZE, SIZE, out, c * BINS);
        }
        return out;
    }

    /** Names of the 354 values, for the model file. */
    public static String[] names() {
        String[] ch = {"h", "s", "v", "y", "cb", "cr"};
        String[] out = new String[LENGTH];
        for (int c = 0; c < ch.length; c++) {
            for (int b = 0; b < BINS; b++) {
                out[c * BINS + b] = "lbp_" + ch[c] + "_" + b;
            }
        }
        return out;
    }

    /** Normalised uniform LBP(8,1) histogram of the interior pixels, written at {@code offset}. */
    static void lbpHistogram(float[] plane, int w, int h, double[] out, int offset) {
        int[] dx = {-1, 0, 1, 1, 1, 0, -1, -1};
        int[] dy = {-1, -1, -1, 0, 1, 1, 1, 0};
        int count = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                float centre = plane[y * w + x];
                int code = 0;
                for (int k = 0; k < 8; k++) {
                    if (plane[(y + dy[k]) * w + x + dx[k]] >= centre) {
                        code |= 1 << k;
                    }
                }
                out[offset + UNIFORM_BIN[code]]++;
                count++;
            }
        }
        for (int b = 0; b < BINS; b++) {
            out[offset + b] /= count;
        }
    }

    /** Maps each 8-bit pattern to its uniform bin (≤ 2 circular 0/1 transitions) or to bin 58. */
    static int[] uniformMapping() {
        int[] map = new int[256];
        int next = 0;
        for (int code = 0; code < 256; code++) {
            int transitions = 0;
            for (int k = 0; k < 8; k++) {
                int a = (code >> k) & 1;
                int b = (code >> ((k + 1) % 8)) & 1;
                transitions += a ^ b;
            }
            map[code] = transitions <= 2 ? next++ : -1;
        }
        for (int code = 0; code < 256; code++) {
            if (map[code] < 0) {
                map[code] = BINS - 1;
            }
        }
        if (next != BINS - 1) {
            throw new IllegalStateException("expected 58 uniform patterns, found " + next);
        }
        return map;
    }
}
