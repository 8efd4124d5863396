package org.sadasya.lab.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sadasya.index.Vectors;

/**
 * Generates face embeddings that resemble real faceres embeddings, for galleries far larger than
 * the real sample. Seeded and deterministic: vector (identity, capture) is the same on every run and
 * can be regenerated on demand instead of stored.
 *
 * <p><b>Model</b> (fitted on the L2-normalised primary faces of the 63 real images, see
 * {@link FaceresData}): a Gaussian around the real mean {@code m} with a full-rank covariance
 * {@code Q·diag(λ)·Qᵀ}:
 * <ul>
 *   <li>the first {@link #REAL_DIRECTIONS} columns of {@code Q} are the real sample's principal
 *       directions, with their measured variances λ₁…λ_K;</li>
 *   <li>the other 1024 − K directions complete an orthonormal basis (Householder reflections of the
 *       real directions applied to the coordinate axes) and carry the residual variance — the real
 *       sample's total variance minus the top K — spread as a power law λ_i = λ_K·(i/K)^−β that
 *       continues the measured spectrum from λ_K, with β solved so the total variance equals the
 *       real one. The real sample (63 vectors) cannot resolve more than 62 directions, so this
 *       tail is an extrapolation; every one of the 1024 directions has non-zero variance.</li>
 * </ul>
 * An identity has a latent {@code a ~ N(0, I)}, a capture adds {@code b ~ N(0, I)}, and the vector
 * is {@code m + Q·(√λ ∘ (√(1−ρ)·a + √ρ·b))}: ρ is the within-identity share of the variance,
 * measured on the real "Yes" pairs as E‖x₁−x₂‖²/2 over the total variance. A gallery entry is
 * capture 0 of its identity, a "re-capture" query is capture 1 of a gallery identity, and an
 * "unrelated person" is an identity that is not in the gallery.
 *
 * <p>Real faceres vectors are non-negative (ReLU6, then mean pooling); generated ones are not
 * clamped, because clamping moved the impostor cosines far from the real ones (median 0.59 vs
 * 0.40) while the unclamped model matches both the genuine and impostor medians (see README).
 */
public final class SyntheticFaces {

    /** Real principal directions kept as they are: half the rank a 63-vector sample can show. */
    public static final int REAL_DIRECTIONS = 30;

    private final int dimension;
    private final long seed;
    private final float[] mean;
    /** Householder vectors: reflector j acts on coordinates j..d−1 (stored with zeros below j). */
    private final double[][] reflectors;
    /** Standard deviation of each coordinate of the latent, before the rotation Q. */
    private final double[] sigma;
    private final double[] spectrum;
    private final double withinShare;
    private final double realParticipationRatio;
    private final double residualExponent;

    private SyntheticFaces(int dimension, long seed, float[] mean, double[][] reflectors, double[] sigma,
            double[] spectrum, double withinShare, double realParticipationRatio, double residualExponent) {
        this.dimension = dimension;
        this.seed = seed;
        this.mean = mean;
        this.reflectors = reflectors;
        this.sigma = sigma;
        this.spectrum = spectrum;
        this.withinShare = withinShare;
        this.realParticipationRatio = realParticipationRatio;
        this.residualExponent = residualExponent;
    }

    /** Fits the model on the real data (see the class comment). */
    public static SyntheticFaces fit(FaceresData data, long seed) {
        return fit(data, seed, REAL_DIRECTIONS);
    }

    /**
     * The same, keeping {@code realDirections} measured directions (at most the sample's rank − 1):
     * a larger sample of a smaller embedding resolves more of its spectrum.
     */
    public static SyntheticFaces fit(FaceresData data, long seed, int realDirections) {
        List<float[]> real = new ArrayList<>();
        for (float[] v : data.primaryEmbeddings().values()) {
            real.add(Vectors.normalized(v));
        }
        int n = real.size();
        int d = real.get(0).length;
        // PCA through the n×n Gram matrix (n ≪ d).
        GramPca pca = GramPca.of(real);
        double[] mean = pca.mean();
        SymmetricEigen eig = pca.eigen();
        double total = 0;
        double sumSq = 0;
        for (double l : eig.values) {
            if (l > 0) {
                total += l;
                sumSq += l * l;
            }
        }
        int k = Math.min(Math.min(realDirections, n - 2), d - 1);
        double[][] directions = new double[k][];
        for (int j = 0; j < k; j++) {
            directions[j] = pca.direction(j);
        }
        double[] spectrum = new double[d];
        double top = 0;
        for (int j = 0; j < k; j++) {
            spectrum[j] = eig.values[j];
            top += eig.values[j];
        }
        double beta = solveTailExponent(spectrum[k - 1], k, d, total - top);
        for (int i = k; i < d; i++) {
            spectrum[i] = spectrum[k - 1] * Math.pow((i + 1.0) / k, -beta);
        }
        double[][] reflectors = householder(directions, d);
        // Residual variances go to the complement coordinates in a seeded random order, so no block of
        // coordinates gets all the large ones.
        double[] sigma = new double[d];
        for (int j = 0; j < k; j++) {
            sigma[j] = Math.sqrt(spectrum[j]);
        }
        int[] order = new int[d - k];
        for (int i = 0; i < order.length; i++) {
            order[i] = k + i;
        }
        SplittableRandom shuffle = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < order.length; i++) {
            sigma[order[i]] = Math.sqrt(spectrum[k + i]);
        }
        double within = withinShare(data, total);
        float[] m = new float[d];
        for (int i = 0; i < d; i++) {
            m[i] = (float) mean[i];
        }
        return new SyntheticFaces(d, seed, m, reflectors, sigma, spectrum, within, total * total / sumSq, beta);
    }

    /** β with Σ_{i=k+1..d} λ_k·(i/k)^−β = residual (bisection; the sum falls as β grows). */
    static double solveTailExponent(double lambdaK, int k, int d, double residual) {
        double lo = 0;
        double hi = 64;
        for (int it = 0; it < 200; it++) {
            double mid = (lo + hi) / 2;
            double s = 0;
            for (int i = k; i < d; i++) {
                s += lambdaK * Math.pow((i + 1.0) / k, -mid);
            }
            if (s > residual) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double withinShare(FaceresData data, double totalVariance) {
        Map<String, float[]> emb = data.primaryEmbeddings();
        double sum = 0;
        int count = 0;
        for (FaceresData.LabelledPair p : data.pairs()) {
            if (p.same() && emb.containsKey(p.imageA()) && emb.containsKey(p.imageB())) {
                float[] a = Vectors.normalized(emb.get(p.imageA()));
                float[] b = Vectors.normalized(emb.get(p.imageB()));
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                    double diff = a[i] - b[i];
                    s += diff * diff;
                }
                sum += s / 2;
                count++;
            }
        }
        double share = count == 0 ? 0.4 : sum / count / totalVariance;
        return Math.max(0.01, Math.min(0.99, share));
    }

    /** Householder QR of the (orthonormal) directions: Q = H₀·H₁·…·H_{k−1}, whose first k columns are ±directions. */
    private static double[][] householder(double[][] directions, int d) {
        int k = directions.length;
        double[][] a = new double[k][];
        for (int j = 0; j < k; j++) {
            a[j] = directions[j].clone();
        }
        double[][] reflectors = new double[k][d];
        for (int j = 0; j < k; j++) {
            double norm = 0;
            for (int i = j; i < d; i++) {
                norm += a[j][i] * a[j][i];
            }
            norm = Math.sqrt(norm);
            double alpha = a[j][j] >= 0 ? -norm : norm;
            double[] v = reflectors[j];
            for (int i = j; i < d; i++) {
                v[i] = a[j][i];
            }
            v[j] -= alpha;
            double vn = 0;
            for (int i = j; i < d; i++) {
                vn += v[i] * v[i];
            }
            vn = Math.sqrt(vn);
            for (int i = j; i < d; i++) {
                v[i] /= vn;
            }
            for (int c = j; c < k; c++) {
                double dot = 0;
                for (int i = j; i < d; i++) {
                    dot += v[i] * a[c][i];
                }
                for (int i = j; i < d; i++) {
                    a[c][i] -= 2 * dot * v[i];
                }
            }
        }
        return reflectors;
    }

    /** The embedding of capture {@code capture} of identity {@code identity}. */
    public float[] vector(long identity, int capture) {
        double[] y = latent(identity, capture);
        for (int j = reflectors.length - 1; j >= 0; j--) {
            reflect(reflectors[j], j, y);
        }
        float[] out = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            out[i] = (float) (mean[i] + y[i]);
        }
        return out;
    }

    /**
     * The same embedding projected on the generator's {@code dims} principal axes of largest
     * variance (a PCA projection of the population): what a learned projection to fewer dimensions
     * would keep, at best. Cosine on these is what an index of projected vectors would compute.
     */
    public float[] projected(long identity, int capture, int dims) {
        if (dims == dimension) {
            return vector(identity, capture);
        }
        int[] axes = principalAxes();
        double[] y = latent(identity, capture);
        double[] qm = rotatedMean();
        float[] out = new float[dims];
        for (int i = 0; i < dims; i++) {
            out[i] = (float) (qm[axes[i]] + y[axes[i]]);
        }
        return out;
    }

    private volatile int[] principalAxes;
    private volatile double[] rotatedMean;

    private int[] principalAxes() {
        int[] axes = principalAxes;
        if (axes == null) {
            Integer[] order = new Integer[dimension];
            for (int i = 0; i < dimension; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(sigma[b], sigma[a]));
            axes = new int[dimension];
            for (int i = 0; i < dimension; i++) {
                axes[i] = order[i];
            }
            principalAxes = axes;
        }
        return axes;
    }

    /** Qᵀ·m: the mean in the latent basis (Qᵀ = H_{k−1}·…·H₀). */
    private double[] rotatedMean() {
        double[] qm = rotatedMean;
        if (qm == null) {
            qm = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                qm[i] = mean[i];
            }
            for (int j = 0; j < reflectors.length; j++) {
                reflect(reflectors[j], j, qm);
            }
            rotatedMean = qm;
        }
        return qm;
    }

    private double[] latent(long identity, int capture) {
        SplittableRandom idRandom = new SplittableRandom(mix(seed, identity, -1));
        SplittableRandom capRandom = new SplittableRandom(mix(seed, identity, capture));
        double wa = Math.sqrt(1 - withinShare);
        double wb = Math.sqrt(withinShare);
        double[] y = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            y[i] = sigma[i] * (wa * idRandom.nextGaussian() + wb * capRandom.nextGaussian());
        }
        return y;
    }

    private static void reflect(double[] v, int from, double[] y) {
        double dot = 0;
        for (int i = from; i < y.length; i++) {
            dot += v[i] * y[i];
        }
        dot *= 2;
        for (int i = from; i < y.length; i++) {
            y[i] -= dot * v[i];
        }
    }

    private static long mix(long seed, long identity, int capture) {
        long z = seed * 0x9E3779B97F4A7C15L + identity * 0xBF58476D1CE4E5B9L + (capture + 2L) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public int dimension() {
        return dimension;
    }

    /** Within-identity share ρ of the variance, measured on the real Yes pairs. */
    public double withinShare() {
        return withinShare;
    }

    /** Exponent β of the extrapolated residual spectrum. */
    public double residualExponent() {
        return residualExponent;
    }

    /** Participation ratio (Σλ)²/Σλ² of the real sample's covariance (at most its rank, 62). */
    public double realParticipationRatio() {
        return realParticipationRatio;
    }

    /** Participation ratio of the generator's full-rank spectrum: its intrinsic dimension. */
    public double participationRatio() {
        double s = 0;
        double s2 = 0;
        for (double l : spectrum) {
            s += l;
            s2 += l * l;
        }
        return s * s / s2;
    }

    /** Smallest variance of any direction (positive: the model is full-rank). */
    public double smallestVariance() {
        return spectrum[spectrum.length - 1];
    }

    /** Dimensions needed to hold {@code varianceShare} of the variance. */
    public int dimensionsFor(double varianceShare) {
        double total = 0;
        for (double l : spectrum) {
            total += l;
        }
        double s = 0;
        for (int i = 0; i < spectrum.length; i++) {
            s += spectrum[i];
            if (s >= varianceShare * total) {
                return i + 1;
            }
        }
        return spectrum.length;
    }
}
