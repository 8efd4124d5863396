package org.sadasya.face.challenge;

import org.sadasya.face.FaceBox;
import org.sadasya.face.detect.Pixels;
import org.sadasya.face.detect.Resampling;
import org.sadasya.face.image.RgbImage;

/**
 * How well a frame shows a face: its brightness and sharpness inside the face box, measured on a
 * fixed-size resample so that a near face and a far one are judged alike.
 *
 * @param meanLuma  mean luma of the face, 0..255
 * @param sharpness RMS of the Laplacian of the face's luma at {@link #SIDE}×{@link #SIDE}, per unit of luma contrast
 */
record FrameQuality(double meanLuma, double sharpness) {
    static final int SIDE = 64;
    /**
     * Below this mean luma a face's 8-bit JPEG texture is a handful of grey levels and the mesh
     * jitters more than a head's parallax. Set by reasoning, not measured on a tuning set.
     */
    static final double TOO_DARK_LUMA = 40;
    /**
     * Below this sharpness the face is blurred beyond reading. Set by reasoning, not yet measured on
     * a tuning set: the Laplacian RMS over the luma contrast of a 64-px face falls roughly with the
     * blur width, and a tenth of the sharp-face level is a blur of several pixels at 64 px (a head
     * moving a tenth of its width during the exposure). It only excuses a failed burst, never passes one.
     */
    static final double BLURRED_SHARPNESS = 0.1;

    static FrameQuality of(RgbImage frame, FaceBox face) {
        float[] v = Resampling.cropAndResize(Pixels.of(frame), face.x(), face.y(), face.x2(), face.y2(), SIDE, 1f);
        double[] luma = new double[SIDE * SIDE];
        double sum = 0;
        for (int i = 0; i < luma.length; i++) {
            luma[i] = 0.299 * v[3 * i] + 0.587 * v[3 * i + 1] + 0.114 * v[3 * i + 2];
            sum += luma[i];
        }
        double mean = sum / luma.length;
        double var = 0;
        for (double l : luma) {
            var += (l - mean) * (l - mean);
        }
        double contrast = Math.sqrt(var / luma.length);
        double lap = 0;
        int n = 0;
        for (int y = 1; y < SIDE - 1; y++) {
            for (int x = 1; x < SIDE - 1; x++) {
                int i = y * SIDE + x;
                double l = 4 * luma[i] - luma[i - 1] - luma[i + 1] - luma[i - SIDE] - luma[i + SIDE];
                lap += l * l;
                n++;
            }
        }
        double sharpness = contrast > 1e-6 ? Math.sqrt(lap / n) / contrast : 0;
        return new FrameQuality(mean, sharpness);
    }

    boolean tooDark() {
        return meanLuma < TOO_DARK_LUMA;
    }

    boolean blurred() {
        return sharpness < BLURRED_SHARPNESS;
    }
}
