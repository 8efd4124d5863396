package org.sadasya.face.challenge;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * A plane-to-plane mapping of image points, fitted to point pairs: the normalised direct linear
 * transform (Hartley's conditioning, null vector by SVD), then Gauss–Newton on the reprojection
 * error, which is what the planarity test measures.
 *
 * @param h the 3×3 matrix, row-major, h[8] = 1
 */
public record Homography(double[] h) {
    private static final int REFINE_ITERATIONS = 5;

    public Homography {
        if (h.length != 9) {
            throw new IllegalArgumentException("a homography has 9 entries");
        }
        h = h.clone();
    }

    /** Maps (x, y); returns {x', y'}. */
    public double[] apply(double x, double y) {
        double w = h[6] * x + h[7] * y + h[8];
        return new double[] {(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w};
    }

    /** Root-mean-square distance between the mapped {@code src} points and {@code dst}, pixels. */
    public double rmsError(double[] src, double[] dst) {
        double sum = 0;
        int n = src.length / 2;
        for (int i = 0; i < n; i++) {
            double[] p = apply(src[2 * i], src[2 * i + 1]);
            double dx = p[0] - dst[2 * i];
            double dy = p[1] - dst[2 * i + 1];
            sum += dx * dx + dy * dy;
        }
        return Math.sqrt(sum / n);
    }

    /**
     * The homography that best maps {@code src} onto {@code dst} (flat {x0, y0, x1, y1, …}, at least
     * four pairs) in the least-squares reprojection sense.
     */
    public static Homography fit(double[] src, double[] dst) {
        if (src.length != dst.length || src.length < 8 || src.length % 2 != 0) {
            throw new IllegalArgumentException("need at least four point pairs of equal count");
        }
        Homography initial = directLinear(src, dst);
        return refine(initial, src, dst);
    }

    /** Normalised DLT: conditions both point sets (centroid 0, mean distance √2), solves, de-conditions. */
    static Homography directLinear(double[] src, double[] dst) {
        double[] ts = conditioning(src);
        double[] td = conditioning(dst);
        int n = src.length / 2;
        DMatrixRMaj a = new DMatrixRMaj(2 * n, 9);
        for (int i = 0; i < n; i++) {
            double x = (src[2 * i] - ts[0]) * ts[2];
            double y = (src[2 * i + 1] - ts[1]) * ts[2];
            double u = (dst[2 * i] - td[0]) * td[2];
            double v = (dst[2 * i + 1] - td[1]) * td[2];
            double[] r1 = {-x, -y, -1, 0, 0, 0, u * x, u * y, u};
            double[] r2 = {0, 0, 0, -x, -y, -1, v * x, v * y, v};
            for (int c = 0; c < 9; c++) {
                a.set(2 * i, c, r1[c]);
                a.set(2 * i + 1, c, r2[c]);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(2 * n, 9, false, true, false);
        if (!svd.decompose(a)) {
            throw new IllegalStateException("SVD did not converge");
        }
        DMatrixRMaj v = svd.getV(null, false);
        double[] s = svd.getSingularValues();
        int smallest = 0;
        for (int i = 1; i < svd.numberOfSingularValues(); i++) {
            if (s[i] < s[smallest]) {
                smallest = i;
            }
        }
        DMatrixRMaj hn = new DMatrixRMaj(3, 3);
        for (int k = 0; k < 9; k++) {
            hn.data[k] = v.get(k, smallest);
        }
        // H = Td⁻¹ · Hn · Ts
        DMatrixRMaj tsM = new DMatrixRMaj(3, 3, true, ts[2], 0, -ts[2] * ts[0], 0, ts[2], -ts[2] * ts[1], 0, 0, 1);
        DMatrixRMaj tdInv = new DMatrixRMaj(3, 3, true, 1 / td[2], 0, td[0], 0, 1 / td[2], td[1], 0, 0, 1);
        DMatrixRMaj tmp = new DMatrixRMaj(3, 3);
        DMatrixRMaj out = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(hn, tsM, tmp);
        CommonOps_DDRM.mult(tdInv, tmp, out);
        return normalised(out.data);
    }

    /** Gauss–Newton on the eight free entries, keeping a step only when it lowers the error. */
    static Homography refine(Homography start, double[] src, double[] dst) {
        int n = src.length / 2;
        Homography best = start;
        double bestError = start.rmsError(src, dst);
        DMatrixRMaj j = new DMatrixRMaj(2 * n, 8);
        DMatrixRMaj r = new DMatrixRMaj(2 * n, 1);
        DMatrixRMaj step = new DMatrixRMaj(8, 1);
        for (int it = 0; it < REFINE_ITERATIONS; it++) {
            double[] h = best.h;
            for (int i = 0; i < n; i++) {
                double x = src[2 * i];
                double y = src[2 * i + 1];
                double w = h[6] * x + h[7] * y + h[8];
                double px = (h[0] * x + h[1] * y + h[2]) / w;
                double py = (h[3] * x + h[4] * y + h[5]) / w;
                r.set(2 * i, 0, dst[2 * i] - px);
                r.set(2 * i + 1, 0, dst[2 * i + 1] - py);
                double[] jx = {x / w, y / w, 1 / w, 0, 0, 0, -px * x / w, -px * y / w};
                double[] jy = {0, 0, 0, x / w, y / w, 1 / w, -py * x / w, -py * y / w};
                for (int c = 0; c < 8; c++) {
                    j.set(2 * i, c, jx[c]);
                    j.set(2 * i + 1, c, jy[c]);
                }
            }
            if (!CommonOps_DDRM.solve(j, r, step)) {
                break;
            }
            double[] next = h.clone();
            for (int c = 0; c < 8; c++) {
                next[c] += step.data[c];
            }
            Homography candidate = new Homography(next);
            double error = candidate.rmsError(src, dst);
            if (!(error < bestError)) {
                break;
            }
            best = candidate;
            bestError = error;
        }
        return best;
    }

    /** {cx, cy, scale}: moves the points' centroid to 0 and their mean distance from it to √2. */
    private static double[] conditioning(double[] pts) {
        int n = pts.length / 2;
        double cx = 0, cy = 0;
        for (int i = 0; i < n; i++) {
            cx += pts[2 * i];
            cy += pts[2 * i + 1];
        }
        cx /= n;
        cy /= n;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += Math.hypot(pts[2 * i] - cx, pts[2 * i + 1] - cy);
        }
        mean /= n;
        return new double[] {cx, cy, mean > 0 ? Math.sqrt(2) / mean : 1};
    }

    private static Homography normalised(double[] m) {
        double scale = m[8];
        if (Math.abs(scale) < 1e-12) {
            throw new IllegalStateException("degenerate homography");
        }
        double[] h = new double[9];
        for (int k = 0; k < 9; k++) {
            h[k] = m[k] / scale;
        }
        return new Homography(h);
    }
}
