package org.sadasya.face.pad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.sadasya.face.FaceBox;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.pad.BurstEvidence.FaceMotion;
import org.sadasya.face.pad.BurstEvidence.Planarity;
import org.sadasya.face.pad.BurstEvidence.SceneMotion;
import org.sadasya.face.pad.BurstEvidence.SharedPlane;

/**
 * Burst analysis: a printed or on-screen face is a plane, so between two frames all its points
 * move by one homography; a live head is three-dimensional, so when it moves (with any
 * translation) the nose and the cheeks move differently and no homography fits them all.
 *
 * <p>Per face: Shi–Tomasi corners inside the face box of the first frame, tracked into each later
 * frame with pyramidal Lucas–Kanade and kept only when tracking back lands where it started; a
 * homography fitted with RANSAC (fixed seed); the median residual, in face widths, says planar or
 * not. The background (outside all faces) gets its own homography, so that a camera shake — which
 * moves a live scene by one homography as well — is not read as attack evidence.
 *
 * <p>Tolerances are in face widths, so they hold at any resolution. They were set on synthetic
 * motion (BurstMotionAnalysisTest), not on real burst captures, which the shared data does not
 * have: the detector therefore only ever raises {@code live} to {@code doubt} on this evidence.
 */
public final class BurstMotionAnalysis {

    /** Frames are analysed with their longer side at most this many pixels. */
    static final int WORKING_SIDE = 640;
    /** A face that moved less than this (median displacement, face widths) is {@link Planarity#STILL}. */
    static final double MIN_MOTION = 0.01;
    /** Planar when the median homography residual is at most this many face widths (0.4 px on a 100 px face). */
    static final double PLANAR_TOLERANCE = 0.004;
    /** A plane moves "relative to the scene" when the background's homography misses it by more than this. */
    static final double SCENE_TOLERANCE = 0.02;
    private static final int MAX_POINTS_PER_FACE = 80;
    private static final int MAX_BACKGROUND_POINTS = 120;
    private static final int MIN_POINTS = 8;
    private static final long SEED = 20240611L;

    private BurstMotionAnalysis() {}

    /**
     * @param frames the burst, first frame first (where the faces were found); at least two frames of one size
     * @param faces  face boxes in the first frame
     */
    public static BurstEvidence analyse(List<RgbImage> frames, List<FaceBox> faces) {
        if (frames.size() < 2) {
            throw new IllegalArgumentException("a burst needs at least two frames");
        }
        RgbImage first = frames.get(0);
        for (RgbImage f : frames) {
            if (f.width() != first.width() || f.height() != first.height()) {
                throw new IllegalArgumentException("burst frames differ in size: " + f.width() + "x" + f.height()
                        + " vs " + first.width() + "x" + first.height());
            }
        }
        double scale = Math.min(1.0, (double) WORKING_SIDE / Math.max(first.width(), first.height()));
        int w = Math.max(1, (int) Math.round(first.width() * scale));
        int h = Math.max(1, (int) Math.round(first.height() * scale));
        List<Pyramid> pyramids = new ArrayList<>();
        for (RgbImage f : frames) {
            pyramids.add(new Pyramid(greyAt(f, w, h), w, h));
        }
        List<FaceBox> boxes = faces.stream()
                .map(b -> new FaceBox(b.x() * scale, b.y() * scale, b.width() * scale, b.height() * scale)).toList();
        Grey g0 = pyramids.get(0).levels.get(0);
        List<double[]> facePoints = new ArrayList<>();
        for (FaceBox b : boxes) {
            facePoints.add(corners(g0, b, null, MAX_POINTS_PER_FACE));
        }
        double[] bgPoints = corners(g0, new FaceBox(0, 0, w, h), boxes, MAX_BACKGROUND_POINTS);

        FaceMotion[] best = new FaceMotion[boxes.size()];
        List<SharedPlane> shared = new ArrayList<>();
        SceneMotion scene = null;
        for (int k = 1; k < frames.size(); k++) {
            Pyramid p0 = pyramids.get(0), pk = pyramids.get(k);
            Track bg = track(p0, pk, bgPoints);
            double[] hBg = bg.count() >= MIN_POINTS ? Homography.ransac(bg.src, bg.dst, 1.0, SEED).matrix : null;
            if (hBg != null && (scene == null || bg.count() > scene.points())) {
                scene = new SceneMotion(bg.count(), median(displacements(bg)));
            }
            Track[] tracks = new Track[boxes.size()];
            Homography.Fit[] fits = new Homography.Fit[boxes.size()];
            for (int i = 0; i < boxes.size(); i++) {
                double fw = Math.max(1, boxes.get(i).width());
                Track t = track(p0, pk, facePoints.get(i));
                tracks[i] = t;
                FaceMotion m;
                if (t.count() < MIN_POINTS) {
                    m = new FaceMotion(i, t.count(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Planarity.UNTRACKABLE);
                } else {
                    Homography.Fit fit = Homography.ransac(t.src, t.dst, Math.max(0.5, 2 * PLANAR_TOLERANCE * fw), SEED);
                    fits[i] = fit;
                    double motion = median(displacements(t)) / fw;
                    double residual = percentile(Homography.residuals(fit.matrix, t.src, t.dst), 0.8) / fw;
                    double offScene = hBg == null ? Double.NaN : median(Homography.residuals(hBg, t.src, t.dst)) / fw;
                    Planarity planarity = motion < MIN_MOTION ? Planarity.STILL
                            : residual <= PLANAR_TOLERANCE ? Planarity.PLANAR : Planarity.NON_PLANAR;
                    m = new FaceMotion(i, t.count(), motion, residual, fit.inlierShare, offScene, planarity);
                }
                best[i] = combine(best[i], m);
            }
            for (int a = 0; a < boxes.size(); a++) {
                for (int b = a + 1; b < boxes.size(); b++) {
                    if (fits[a] == null || fits[b] == null) {
                        continue;
                    }
                    double fw = Math.max(1, boxes.get(a).width());
                    double ra = median(displacements(tracks[a])) / fw;
                    double rb = median(displacements(tracks[b])) / Math.max(1, boxes.get(b).width());
                    if (ra < MIN_MOTION && rb < MIN_MOTION) {
                        continue;
                    }
                    double cross = median(Homography.residuals(fits[a].matrix, tracks[b].src, tracks[b].dst)) / fw;
                    double offScene = hBg == null ? Double.NaN
                            : median(Homography.residuals(hBg, tracks[a].src, tracks[a].dst)) / fw;
                    boolean onePlane = cross <= PLANAR_TOLERANCE
                            && median(Homography.residuals(fits[a].matrix, tracks[a].src, tracks[a].dst)) / fw <= PLANAR_TOLERANCE;
                    if (onePlane && !Double.isNaN(offScene) && offScene > SCENE_TOLERANCE) {
                        final int fa = a, fb = b;
                        if (shared.stream().noneMatch(s -> s.a() == fa && s.b() == fb)) {
                            shared.add(new SharedPlane(a, b, cross));
                        }
                    }
                }
            }
        }
        return new BurstEvidence(Arrays.asList(best), shared, Optional.ofNullable(scene));
    }

    /**
     * Per face over several frame pairs: any pair that shows a head (non-planar) wins; otherwise the
     * pair with the most motion decides.
     */
    private static FaceMotion combine(FaceMotion a, FaceMotion b) {
        if (a == null) {
            return b;
        }
        if (a.planarity() == Planarity.NON_PLANAR) {
            return a;
        }
        if (b.planarity() == Planarity.NON_PLANAR) {
            return b;
        }
        if (a.planarity() == Planarity.UNTRACKABLE) {
            return b;
        }
        if (b.planarity() == Planarity.UNTRACKABLE) {
            return a;
        }
        return b.motion() > a.motion() ? b : a;
    }

    // ---- points and tracking ----

    record Grey(float[] v, int w, int h) {
        float at(double x, double y) {
            x = Math.max(0, Math.min(w - 1.001, x));
            y = Math.max(0, Math.min(h - 1.001, y));
            int x0 = (int) x, y0 = (int) y;
            double fx = x - x0, fy = y - y0;
            int i = y0 * w + x0;
            double top = v[i] * (1 - fx) + v[i + 1 < v.length ? i + 1 : i] * fx;
            int j = Math.min(i + w, v.length - 1);
            double bottom = v[j] * (1 - fx) + v[Math.min(j + 1, v.length - 1)] * fx;
            return (float) (top * (1 - fy) + bottom * fy);
        }
    }

    static final class Pyramid {
        final List<Grey> levels = new ArrayList<>();

        Pyramid(float[] grey, int w, int h) {
            Grey g = new Grey(grey, w, h);
            levels.add(g);
            while (levels.size() < 4 && g.w >= 64 && g.h >= 64) {
                int nw = g.w / 2, nh = g.h / 2;
                float[] next = new float[nw * nh];
                for (int y = 0; y < nh; y++) {
                    for (int x = 0; x < nw; x++) {
                        int i = 2 * y * g.w + 2 * x;
                        next[y * nw + x] = (g.v[i] + g.v[i + 1] + g.v[i + g.w] + g.v[i + g.w + 1]) / 4f;
                    }
                }
                g = new Grey(next, nw, nh);
                levels.add(g);
            }
        }
    }

    static float[] greyAt(RgbImage image, int w, int h) {
        if (w == image.width() && h == image.height()) {
            return Planes.luma(image);
        }
        float[] out = new float[w * h];
        double sx = (double) image.width() / w, sy = (double) image.height() / h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int x0 = (int) (x * sx), x1 = Math.max(x0 + 1, (int) ((x + 1) * sx));
                int y0 = (int) (y * sy), y1 = Math.max(y0 + 1, (int) ((y + 1) * sy));
                double s = 0;
                int n = 0;
                for (int yy = y0; yy < Math.min(y1, image.height()); yy++) {
                    for (int xx = x0; xx < Math.min(x1, image.width()); xx++) {
                        s += 0.299 * image.channel(xx, yy, 0) + 0.587 * image.channel(xx, yy, 1)
                                + 0.114 * image.channel(xx, yy, 2);
                        n++;
                    }
                }
                out[y * w + x] = (float) (s / n);
            }
        }
        return out;
    }

    /**
     * Shi–Tomasi corners (minimum eigenvalue of the 5 × 5 structure tensor) inside {@code region},
     * outside every box of {@code exclude} (enlarged 1.5×), the best per cell of an 8 × 8 grid.
     * Returns x0, y0, x1, y1, …
     */
    static double[] corners(Grey g, FaceBox region, List<FaceBox> exclude, int max) {
        int x1 = (int) Math.max(3, Math.floor(region.x()));
        int y1 = (int) Math.max(3, Math.floor(region.y()));
        int x2 = (int) Math.min(g.w - 4, Math.ceil(region.x2()));
        int y2 = (int) Math.min(g.h - 4, Math.ceil(region.y2()));
        if (x2 <= x1 || y2 <= y1) {
            return new double[0];
        }
        List<FaceBox> excluded = exclude == null ? List.of()
                : exclude.stream().map(b -> PadFeatures.scaled(b, 1.5)).toList();
        int cells = (int) Math.ceil(Math.sqrt(max));
        double cw = (double) (x2 - x1) / cells, ch = (double) (y2 - y1) / cells;
        double[] bestScore = new double[cells * cells];
        int[] bestX = new int[cells * cells];
        int[] bestY = new int[cells * cells];
        double globalMax = 0;
        for (int y = y1; y < y2; y++) {
            for (int x = x1; x < x2; x++) {
                if (inside(excluded, x, y)) {
                    continue;
                }
                double sxx = 0, syy = 0, sxy = 0;
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
                        int i = (y + dy) * g.w + x + dx;
                        double ix = (g.v[i + 1] - g.v[i - 1]) / 2.0;
                        double iy = (g.v[i + g.w] - g.v[i - g.w]) / 2.0;
                        sxx += ix * ix;
                        syy += iy * iy;
                        sxy += ix * iy;
                    }
                }
                double tr = (sxx + syy) / 2;
                double lambda = tr - Math.sqrt(Math.max(0, tr * tr - (sxx * syy - sxy * sxy)));
                int c = Math.min(cells - 1, (int) ((y - y1) / ch)) * cells + Math.min(cells - 1, (int) ((x - x1) / cw));
                if (lambda > bestScore[c]) {
                    bestScore[c] = lambda;
                    bestX[c] = x;
                    bestY[c] = y;
                }
                globalMax = Math.max(globalMax, lambda);
            }
        }
        List<double[]> pts = new ArrayList<>();
        for (int c = 0; c < bestScore.length; c++) {
            if (bestScore[c] > 0 && bestScore[c] >= 0.01 * globalMax && bestScore[c] > 1.0) {
                pts.add(new double[] {bestX[c], bestY[c]});
            }
        }
        double[] out = new double[pts.size() * 2];
        for (int i = 0; i < pts.size(); i++) {
            out[2 * i] = pts.get(i)[0];
            out[2 * i + 1] = pts.get(i)[1];
        }
        return out;
    }

    private static boolean inside(List<FaceBox> boxes, double x, double y) {
        for (FaceBox b : boxes) {
            if (x >= b.x() && x < b.x2() && y >= b.y() && y < b.y2()) {
                return true;
            }
        }
        return false;
    }

    record Track(double[] src, double[] dst) {
        int count() {
            return src.length / 2;
        }
    }

    /** Tracks points from frame a into frame b and back; keeps those that return within 0.3 px. */
    static Track track(Pyramid a, Pyramid b, double[] points) {
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < points.length / 2; i++) {
            double x = points[2 * i], y = points[2 * i + 1];
            double[] fwd = lucasKanade(a, b, x, y, 0, 0);
            if (fwd == null) {
                continue;
            }
            double[] back = lucasKanade(b, a, fwd[0], fwd[1], x - fwd[0], y - fwd[1]);
            if (back == null || Math.hypot(back[0] - x, back[1] - y) > 0.3) {
                continue;
            }
            kept.add(new double[] {x, y, fwd[0], fwd[1]});
        }
        double[] src = new double[kept.size() * 2];
        double[] dst = new double[kept.size() * 2];
        for (int i = 0; i < kept.size(); i++) {
            src[2 * i] = kept.get(i)[0];
            src[2 * i + 1] = kept.get(i)[1];
            dst[2 * i] = kept.get(i)[2];
            dst[2 * i + 1] = kept.get(i)[3];
        }
        return new Track(src, dst);
    }

    private static final int WINDOW = 7;

    /** Pyramidal Lucas–Kanade: where (x, y) of frame a went in frame b, or null when lost. */
    static double[] lucasKanade(Pyramid a, Pyramid b, double x, double y, double guessDx, double guessDy) {
        int top = Math.min(a.levels.size(), b.levels.size()) - 1;
        double dx = guessDx / (1 << top), dy = guessDy / (1 << top);
        for (int level = top; level >= 0; level--) {
            Grey ga = a.levels.get(level), gb = b.levels.get(level);
            double px = x / (1 << level), py = y / (1 << level);
            int n = (2 * WINDOW + 1) * (2 * WINDOW + 1);
            double[] ix = new double[n], iy = new double[n], i0 = new double[n];
            double gxx = 0, gyy = 0, gxy = 0;
            int k = 0;
            for (int wy = -WINDOW; wy <= WINDOW; wy++) {
                for (int wx = -WINDOW; wx <= WINDOW; wx++, k++) {
                    double sx = px + wx, sy = py + wy;
                    ix[k] = (ga.at(sx + 1, sy) - ga.at(sx - 1, sy)) / 2.0;
                    iy[k] = (ga.at(sx, sy + 1) - ga.at(sx, sy - 1)) / 2.0;
                    i0[k] = ga.at(sx, sy);
                    gxx += ix[k] * ix[k];
                    gyy += iy[k] * iy[k];
                    gxy += ix[k] * iy[k];
                }
            }
            double det = gxx * gyy - gxy * gxy;
            if (det < 1e-6 * n * n) {
                return null;
            }
            for (int iter = 0; iter < 20; iter++) {
                double bx = 0, by = 0;
                k = 0;
                for (int wy = -WINDOW; wy <= WINDOW; wy++) {
                    for (int wx = -WINDOW; wx <= WINDOW; wx++, k++) {
                        double diff = gb.at(px + wx + dx, py + wy + dy) - i0[k];
                        bx += diff * ix[k];
                        by += diff * iy[k];
                    }
                }
                double ux = -(gyy * bx - gxy * by) / det;
                double uy = -(-gxy * bx + gxx * by) / det;
                dx += ux;
                dy += uy;
                if (ux * ux + uy * uy < 1e-4) {
                    break;
                }
            }
            if (level > 0) {
                dx *= 2;
                dy *= 2;
            }
        }
        double nx = x + dx, ny = y + dy;
        Grey g = b.levels.get(0);
        if (!(nx >= 0 && ny >= 0 && nx < g.w && ny < g.h)) {
            return null;
        }
        return new double[] {nx, ny};
    }

    static double[] displacements(Track t) {
        double[] d = new double[t.count()];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.hypot(t.dst[2 * i] - t.src[2 * i], t.dst[2 * i + 1] - t.src[2 * i + 1]);
        }
        return d;
    }

    static double percentile(double[] v, double q) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.round(q * (s.length - 1))];
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Plane-to-plane homographies: 4-point DLT in RANSAC, least-squares refit on the inliers. */
    static final class Homography {
        record Fit(double[] matrix, double inlierShare) {}

        private Homography() {}

        static Fit ransac(double[] src, double[] dst, double tolerancePx, long seed) {
            int n = src.length / 2;
            Random random = new Random(seed);
            boolean[] bestInliers = null;
            int bestCount = -1;
            int[] pick = new int[4];
            for (int iter = 0; iter < 300; iter++) {
                for (int j = 0; j < 4; j++) {
                    boolean fresh;
                    do {
                        pick[j] = random.nextInt(n);
                        fresh = true;
                        for (int q = 0; q < j; q++) {
                            fresh &= pick[q] != pick[j];
                        }
                    } while (!fresh);
                }
                double[] h = solve(src, dst, pick);
                if (h == null) {
                    continue;
                }
                boolean[] inl = new boolean[n];
                int count = 0;
                double[] res = residuals(h, src, dst);
                for (int i = 0; i < n; i++) {
                    if (res[i] <= tolerancePx) {
                        inl[i] = true;
                        count++;
                    }
                }
                if (count > bestCount) {
                    bestCount = count;
                    bestInliers = inl;
                }
            }
            int[] idx;
            if (bestCount < 4) {
                idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = i;
                }
            } else {
                idx = new int[bestCount];
                for (int i = 0, j = 0; i < n; i++) {
                    if (bestInliers[i]) {
                        idx[j++] = i;
                    }
                }
            }
            double[] h = solve(src, dst, idx);
            if (h == null) {
                h = new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
            }
            return new Fit(h, Math.max(0, bestCount) / (double) n);
        }

        /** Least-squares homography (h33 = 1) through the chosen correspondences, in normalised coordinates. */
        static double[] solve(double[] src, double[] dst, int[] idx) {
            double[] ns = normaliser(src, idx);
            double[] nd = normaliser(dst, idx);
            double[][] ata = new double[8][8];
            double[] atb = new double[8];
            for (int i : idx) {
                double x = (src[2 * i] - ns[0]) * ns[2], y = (src[2 * i + 1] - ns[1]) * ns[2];
                double u = (dst[2 * i] - nd[0]) * nd[2], v = (dst[2 * i + 1] - nd[1]) * nd[2];
                double[] r1 = {x, y, 1, 0, 0, 0, -u * x, -u * y};
                double[] r2 = {0, 0, 0, x, y, 1, -v * x, -v * y};
                accumulate(ata, atb, r1, u);
                accumulate(ata, atb, r2, v);
            }
            double[] h = gauss(ata, atb);
            if (h == null) {
                return null;
            }
            // H = Td^-1 · Hn · Ts
            double[] hn = {h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1};
            double[] ts = {ns[2], 0, -ns[2] * ns[0], 0, ns[2], -ns[2] * ns[1], 0, 0, 1};
            double[] tdInv = {1 / nd[2], 0, nd[0], 0, 1 / nd[2], nd[1], 0, 0, 1};
            double[] m = mul(tdInv, mul(hn, ts));
            if (Math.abs(m[8]) < 1e-12) {
                return null;
            }
            for (int i = 0; i < 9; i++) {
                m[i] /= m[8];
            }
            return m;
        }

        private static void accumulate(double[][] ata, double[] atb, double[] r, double b) {
            for (int p = 0; p < 8; p++) {
                atb[p] += r[p] * b;
                for (int q = 0; q < 8; q++) {
                    ata[p][q] += r[p] * r[q];
                }
            }
        }

        private static double[] normaliser(double[] pts, int[] idx) {
            double cx = 0, cy = 0;
            for (int i : idx) {
                cx += pts[2 * i];
                cy += pts[2 * i + 1];
            }
            cx /= idx.length;
            cy /= idx.length;
            double d = 0;
            for (int i : idx) {
                d += Math.hypot(pts[2 * i] - cx, pts[2 * i + 1] - cy);
            }
            d /= idx.length;
            return new double[] {cx, cy, d < 1e-9 ? 1 : Math.sqrt(2) / d};
        }

        private static double[] mul(double[] a, double[] b) {
            double[] c = new double[9];
            for (int r = 0; r < 3; r++) {
                for (int col = 0; col < 3; col++) {
                    c[r * 3 + col] = a[r * 3] * b[col] + a[r * 3 + 1] * b[3 + col] + a[r * 3 + 2] * b[6 + col];
                }
            }
            return c;
        }

        static double[] gauss(double[][] a, double[] b) {
            int n = b.length;
            double[][] m = new double[n][n + 1];
            for (int i = 0; i < n; i++) {
                System.arraycopy(a[i], 0, m[i], 0, n);
                m[i][n] = b[i];
            }
            for (int c = 0; c < n; c++) {
                int piv = c;
                for (int r = c + 1; r < n; r++) {
                    if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                        piv = r;
                    }
                }
                if (Math.abs(m[piv][c]) < 1e-10) {
                    return null;
                }
                double[] t = m[c];
                m[c] = m[piv];
                m[piv] = t;
                for (int r = 0; r < n; r++) {
                    if (r != c) {
                        double f = m[r][c] / m[c][c];
                        for (int k = c; k <= n; k++) {
                            m[r][k] -= f * m[c][k];
                        }
                    }
                }
            }
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = m[i][n] / m[i][i];
            }
            return x;
        }

        static double[] apply(double[] h, double x, double y) {
            double z = h[6] * x + h[7] * y + h[8];
            return new double[] {(h[0] * x + h[1] * y + h[2]) / z, (h[3] * x + h[4] * y + h[5]) / z};
        }

        static double[] residuals(double[] h, double[] src, double[] dst) {
            double[] r = new double[src.length / 2];
            for (int i = 0; i < r.length; i++) {
                double[] p = apply(h, src[2 * i], src[2 * i + 1]);
                r[i] = Math.hypot(p[0] - dst[2 * i], p[1] - dst[2 * i + 1]);
            }
            return r;
        }
    }
}
