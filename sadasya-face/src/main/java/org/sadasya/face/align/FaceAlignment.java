package org.sadasya.face.align;

import java.util.List;
import org.sadasya.face.Landmark;
import org.sadasya.face.detect.Pixels;

/**
 * Aligns a face to the five-point template that ArcFace-family embeddings (MobileFaceNet among
 * them) were trained on: eye centres, nose tip and mouth corners, taken from facemesh's points,
 * mapped by a least-squares similarity onto the template, then resampled.
 */
public final class FaceAlignment {
    /** Side of the template's square, pixels. */
    public static final int TEMPLATE_SIDE = 112;

    /**
     * InsightFace's 112 × 112 template (its {@code arcface_dst}), image-left eye first: the
     * subject's right eye, left eye, nose tip, right and left mouth corner.
     */
    static final double[] TEMPLATE = {
        38.2946, 51.6963, 73.5318, 51.5014, 56.0252, 71.7366, 41.5493, 92.3655, 70.7299, 92.2041};

    // facemesh indices: eye corners (outer, inner) of each eye, the nose tip, the mouth corners
    private static final int[] RIGHT_EYE = {33, 133};
    private static final int[] LEFT_EYE = {362, 263};
    private static final int NOSE_TIP = 1;
    private static final int MOUTH_RIGHT = 61;
    private static final int MOUTH_LEFT = 291;

    private FaceAlignment() {}

    /** The five points (x0, y0, … x4, y4) in image pixels from facemesh's 468. */
    public static double[] fivePoints(List<Landmark> mesh) {
        if (mesh.size() < 468) {
            throw new IllegalArgumentException("alignment needs facemesh's 468 points, got " + mesh.size());
        }
        Landmark r0 = mesh.get(RIGHT_EYE[0]), r1 = mesh.get(RIGHT_EYE[1]);
        Landmark l0 = mesh.get(LEFT_EYE[0]), l1 = mesh.get(LEFT_EYE[1]);
        Landmark nose = mesh.get(NOSE_TIP), mr = mesh.get(MOUTH_RIGHT), ml = mesh.get(MOUTH_LEFT);
        return new double[] {
            (r0.x() + r1.x()) / 2, (r0.y() + r1.y()) / 2, (l0.x() + l1.x()) / 2, (l0.y() + l1.y()) / 2,
            nose.x(), nose.y(), mr.x(), mr.y(), ml.x(), ml.y()};
    }

    /** The similarity taking the image's five points onto the template scaled to {@code side}. */
    public static SimilarityTransform toTemplate(double[] fivePoints, int side) {
        return toTemplate(fivePoints, side, 1);
    }

    /**
     * As {@link #toTemplate(double[], int)} with the template shrunk ({@code zoom} &lt; 1: more of
     * the head in view) or grown about the square's centre, for models trained on looser crops.
     */
    public static SimilarityTransform toTemplate(double[] fivePoints, int side, double zoom) {
        double k = side / (double) TEMPLATE_SIDE;
        double c = TEMPLATE_SIDE / 2.0;
        double[] to = new double[TEMPLATE.length];
        for (int i = 0; i < to.length; i++) {
            to[i] = ((TEMPLATE[i] - c) * zoom + c) * k;
        }
        return SimilarityTransform.fit(fivePoints, to);
    }

    /**
     * The aligned face, {@code side} × {@code side} × 3 (HWC, image values as {@code image} holds
     * them, 0 outside it). Each output pixel averages a grid of bilinear samples as wide as the
     * output pixel is in the image, so a large face shrunk to 112 px does not alias.
     */
    public static float[] warp(Pixels image, SimilarityTransform toTemplate, int side) {
        SimilarityTransform back = toTemplate.inverse();
        int grid = Math.max(1, Math.min(8, (int) Math.ceil(back.scale())));
        float[] out = new float[side * side * 3];
        float[] rgb = new float[3];
        for (int v = 0; v < side; v++) {
            for (int u = 0; u < side; u++) {
                float r = 0, g = 0, bl = 0;
                for (int j = 0; j < grid; j++) {
                    for (int i = 0; i < grid; i++) {
                        double su = u - 0.5 + (i + 0.5) / grid;
                        double sv = v - 0.5 + (j + 0.5) / grid;
                        double[] p = back.apply(su, sv);
                        sample(image, p[0], p[1], rgb);
                        r += rgb[0];
                        g += rgb[1];
                        bl += rgb[2];
                    }
                }
                int o = (v * side + u) * 3;
                float n = grid * grid;
                out[o] = r / n;
                out[o + 1] = g / n;
                out[o + 2] = bl / n;
            }
        }
        return out;
    }

    /** Bilinear sample with pixel centres at integer coordinates; 0 beyond the image. */
    private static void sample(Pixels image, double x, double y, float[] rgb) {
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        double fx = x - x0, fy = y - y0;
        for (int c = 0; c < 3; c++) {
            double top = lerp(at(image, y0, x0, c), at(image, y0, x0 + 1, c), fx);
            double bottom = lerp(at(image, y0 + 1, x0, c), at(image, y0 + 1, x0 + 1, c), fx);
            rgb[c] = (float) lerp(top, bottom, fy);
        }
    }

    private static double lerp(double p, double q, double t) {
        return p + (q - p) * t;
    }

    private static float at(Pixels image, int y, int x, int c) {
        return y < 0 || x < 0 || y >= image.height() || x >= image.width() ? 0f : image.at(y, x, c);
    }
}
