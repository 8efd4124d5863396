package org.sadasya.face.pad;

import java.util.Arrays;
import org.sadasya.face.FaceBox;
import org.sadasya.face.image.RgbImage;

/**
 * Hand-made recapture cues of one region of an image (a face, the context around it, or the whole
 * picture). Each is a number, not a decision: the classifier weighs them, and the model file says
 * how much each one counted.
 *
 * @param moirePeak        screen moiré: the strongest isolated peak in the mid/high-frequency power
 *                         spectrum of the native-resolution grey region, in natural-log units above
 *                         the median power at the same radius (a periodic pattern stands far above
 *                         its ring; natural images fall off smoothly, ≈ 2–3)
 * @param highFreqEnergy   share of spectral energy above half the Nyquist radius (blur lowers it,
 *                         pixel grids raise it)
 * @param sharpness        log(1 + variance of the Laplacian) of the region resampled to 128 × 128
 * @param glare            share of pixels that are near-white and unsaturated (specular reflection
 *                         of a glossy print or a screen)
 * @param clipped          share of pixels with a channel at 0 or 255
 * @param saturationMean   mean HSV saturation, 0..1 (prints and screens narrow the gamut)
 * @param saturationSpread standard deviation of the saturation, 0..1
 * @param chromaRange      p95 − p5 of Cb plus that of Cr, 0..1 (gamut width)
 * @param contrast         standard deviation of luma, 0..1
 * @param borderLine       the longest straight horizontal or vertical edge in the region, as a share
 *                         of the region's side (the edge of a print, a phone or a screen bezel)
 */
public record RecaptureCues(
        double moirePeak,
        double highFreqEnergy,
        double sharpness,
        double glare,
        double clipped,
        double saturationMean,
        double saturationSpread,
        double chromaRange,
        double contrast,
        double borderLine) {

    public static final int LENGTH = 10;

    public static String[] names(String prefix) {
        String[] base = {"moirePeak", "highFreqEnergy", "sharpness", "glare", "clipped", "saturationMean",
            "saturationSpread", "chromaRange", "contrast", "borderLine"};
        String[] out = new String[base.length];
        for (int i = 0; i < base.length; i++) {
            out[i] = prefix + base[i];
        }
        return out;
    }

    public double[] toArray() {
        return new double[] {moirePeak, highFreqEnergy, sharpness, glare, clipped, saturationMean, saturationSpread,
            chromaRange, contrast, borderLine};
    }

    /** Largest side of the native-resolution window the spectrum is taken on. */
    static final int FFT_MAX = 128;
    private static final int ANALYSIS = 128;

    public static RecaptureCues of(RgbImage image, FaceBox region) {
        int[] clip = Planes.clip(image, region);
        float[][] rgb = Planes.resampledRgb(image, region, ANALYSIS);
        float[] luma = Planes.luma(rgb);
        double[] spectrum = spectrumCues(Planes.nativeLuma(image, clip), clip[2] - clip[0], clip[3] - clip[1]);
        float[][] hsv = Planes.hsv(rgb);
        float[][] ycc = Planes.yCbCr(rgb);
        int n = luma.length;
        int glare = 0;
        for (int i = 0; i < n; i++) {
            float max = Math.max(rgb[0][i], Math.max(rgb[1][i], rgb[2][i]));
            float min = Math.min(rgb[0][i], Math.min(rgb[1][i], rgb[2][i]));
            if (max >= 245 && max - min <= 20) {
                glare++;
            }
        }
        return new RecaptureCues(
                spectrum[0],
                spectrum[1],
                Math.log1p(laplacianVariance(luma, ANALYSIS, ANALYSIS)),
                (double) glare / n,
                clippedShare(image, clip),
                mean(hsv[1]) / 255,
                std(hsv[1]) / 255,
                (range(ycc[1]) + range(ycc[2])) / 255,
                std(luma) / 255,
                borderLine(luma, ANALYSIS, ANALYSIS));
    }

    /** [moirePeak, highFreqEnergy] of a grey region at native resolution. */
    static double[] spectrumCues(float[] grey, int w, int h) {
        int n = Integer.highestOneBit(Math.max(8, Math.min(FFT_MAX, Math.min(w, h))));
        if (n > Math.min(w, h)) {
            n = Math.max(8, n / 2);
        }
        int ox = Math.max(0, (w - n) / 2);
        int oy = Math.max(0, (h - n) / 2);
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        double mean = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int sx = Math.min(w - 1, ox + x), sy = Math.min(h - 1, oy + y);
                mean += grey[sy * w + sx];
            }
        }
        mean /= n * n;
        for (int y = 0; y < n; y++) {
            double wy = 0.5 - 0.5 * Math.cos(2 * Math.PI * y / (n - 1));
            for (int x = 0; x < n; x++) {
                double wx = 0.5 - 0.5 * Math.cos(2 * Math.PI * x / (n - 1));
                int sx = Math.min(w - 1, ox + x), sy = Math.min(h - 1, oy + y);
                re[y * n + x] = (grey[sy * w + sx] - mean) * wx * wy;
            }
        }
        Fft.fft2d(re, im, n);
        int maxR = n / 2;
        double[] power = new double[n * n];
        int[] radius = new int[n * n];
        double total = 0, high = 0;
        for (int v = 0; v < n; v++) {
            int fv = v <= n / 2 ? v : v - n;
            for (int u = 0; u < n; u++) {
                int fu = u <= n / 2 ? u : u - n;
                int i = v * n + u;
                power[i] = re[i] * re[i] + im[i] * im[i];
                double r = Math.sqrt(fu * fu + fv * fv);
                radius[i] = (int) Math.round(r);
                if (r >= 1 && r <= maxR) {
                    total += power[i];
                    if (r > maxR / 2.0) {
                        high += power[i];
                    }
                }
            }
        }
        // a floor well below the mean power keeps empty spectra (flat or smooth regions) from
        // producing huge log ratios out of rounding noise
        double floor = 1e-3 * total / Math.max(1, n * n) + 1e-9;
        // median log power per ring, then the strongest excess in rings from 0.2 to 1.0 of Nyquist
        double[][] rings = new double[maxR + 1][];
        int[] fill = new int[maxR + 1];
        for (int r : radius) {
            if (r <= maxR) {
                fill[r]++;
            }
        }
        for (int r = 0; r <= maxR; r++) {
            rings[r] = new double[fill[r]];
            fill[r] = 0;
        }
        for (int i = 0; i < power.length; i++) {
            if (radius[i] <= maxR) {
                rings[radius[i]][fill[radius[i]]++] = Math.log(power[i] + floor);
            }
        }
        double[] ringMedian = new double[maxR + 1];
        for (int r = 0; r <= maxR; r++) {
            double[] ring = rings[r];
            Arrays.sort(ring);
            ringMedian[r] = ring.length == 0 ? 0 : ring[ring.length / 2];
        }
        double peak = 0;
        int minR = Math.max(2, (int) Math.ceil(0.2 * maxR));
        for (int i = 0; i < power.length; i++) {
            int r = radius[i];
            if (r >= minR && r <= maxR) {
                peak = Math.max(peak, Math.log(power[i] + floor) - ringMedian[r]);
            }
        }
        return new double[] {peak, total <= 0 ? 0 : high / total};
    }

    static double laplacianVariance(float[] g, int w, int h) {
        double sum = 0, sq = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                double l = g[i - 1] + g[i + 1] + g[i - w] + g[i + w] - 4 * g[i];
                sum += l;
                sq += l * l;
                n++;
            }
        }
        double m = sum / n;
        return sq / n - m * m;
    }

    /**
     * The longest run of strong, consistently oriented edge pixels along one row or column, as a
     * share of the side. Runs may skip two pixels (JPEG noise); horizontal runs need a vertical
     * gradient dominating the horizontal one, and the other way round.
     */
    static double borderLine(float[] g, int w, int h) {
        float[] gx = new float[w * h];
        float[] gy = new float[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                gx[i] = (g[i - w + 1] + 2 * g[i + 1] + g[i + w + 1]) - (g[i - w - 1] + 2 * g[i - 1] + g[i + w - 1]);
                gy[i] = (g[i + w - 1] + 2 * g[i + w] + g[i + w + 1]) - (g[i - w - 1] + 2 * g[i - w] + g[i - w + 1]);
            }
        }
        // a strong edge: a step of at least ~24 grey levels (Sobel scale 4)
        float strong = 96f;
        double best = 0;
        for (int y = 1; y < h - 1; y++) {
            int run = 0, gap = 0;
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                boolean on = Math.abs(gy[i]) >= strong && Math.abs(gy[i]) > 2 * Math.abs(gx[i]);
                if (on) {
                    run += 1 + gap;
                    gap = 0;
                    best = Math.max(best, (double) run / w);
                } else if (run > 0 && ++gap > 2) {
                    run = 0;
                    gap = 0;
                }
            }
        }
        int bestCol = 0;
        for (int x = 1; x < w - 1; x++) {
            int run = 0, gap = 0;
            for (int y = 1; y < h - 1; y++) {
                int i = y * w + x;
                boolean on = Math.abs(gx[i]) >= strong && Math.abs(gx[i]) > 2 * Math.abs(gy[i]);
                if (on) {
                    run += 1 + gap;
                    gap = 0;
                    bestCol = Math.max(bestCol, run);
                } else if (run > 0 && ++gap > 2) {
                    run = 0;
                    gap = 0;
                }
            }
        }
        return Math.max(best, (double) bestCol / h);
    }

    private static double clippedShare(RgbImage image, int[] c) {
        long clipped = 0;
        long n = 0;
        int step = Math.max(1, (int) Math.sqrt((double) (c[2] - c[0]) * (c[3] - c[1]) / 40000));
        for (int y = c[1]; y < c[3]; y += step) {
            for (int x = c[0]; x < c[2]; x += step) {
                int r = image.channel(x, y, 0), g = image.channel(x, y, 1), b = image.channel(x, y, 2);
                if (r == 0 || g == 0 || b == 0 || r == 255 || g == 255 || b == 255) {
                    clipped++;
                }
                n++;
            }
        }
        return (double) clipped / n;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    private static double range(float[] v) {
        float[] sorted = v.clone();
        Arrays.sort(sorted);
        return sorted[(int) (0.95 * (sorted.length - 1))] - sorted[(int) (0.05 * (sorted.length - 1))];
    }
}
