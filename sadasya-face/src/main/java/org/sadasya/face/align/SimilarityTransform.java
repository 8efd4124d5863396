package org.sadasya.face.align;

/**
 * A 2-D similarity (rotation, uniform scale, translation, no reflection): {@code x' = a·x − b·y + tx},
 * {@code y' = b·x + a·y + ty}.
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

    /**
     * The least-squares similarity taking each {@code from} point to its {@code to} point (Umeyama's
     * closed form in two dimensions); points as x0, y0, x1, y1, …
     */
    public static SimilarityTransform fit(double[] from, double[] to) {
        if (from.length != to.length || from.length < 4 || from.length % 2 != 0) {
            throw new IllegalArgumentException("need two or more matching points, got " + from.length / 2 + " and " + to.length / 2);
        }
        int n = from.length / 2;
        double fx = 0, fy = 0, gx = 0, gy = 0;
        for (int i = 0; i < n; i++) {
            fx += from[2 * i];
            fy += from[2 * i + 1];
            gx += to[2 * i];
            gy += to[2 * i + 1];
        }
        fx /= n;
        fy /= n;
        gx /= n;
        gy /= n;
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double x = from[2 * i] - fx, y = from[2 * i + 1] - fy;
            double u = to[2 * i] - gx, v = to[2 * i + 1] - gy;
            dot += x * u + y * v;
            cross += x * v - y * u;
            norm += x * x + y * y;
        }
        if (norm == 0) {
            throw new IllegalArgumentException("the points coincide");
        }
        double a = dot / norm, b = cross / norm;
        return new SimilarityTransform(a, b, gx - (a * fx - b * fy), gy - (b * fx + a * fy));
    }

    /** The scale factor (how much longer a distance becomes). */
    public double scale() {
        return Math.hypot(a, b);
    }

    public double[] apply(double x, double y) {
        return new double[] {a * x - b * y + tx, b * x + a * y + ty};
    }

    public SimilarityTransform inverse() {
        double s = a * a + b * b;
        double ia = a / s, ib = -b / s;
        return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }
}
