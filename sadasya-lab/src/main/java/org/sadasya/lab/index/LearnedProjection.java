package org.sadasya.lab.index;

import java.util.List;

/**
 * A linear projection of embeddings to fewer dimensions learned by PCA from a training set:
 * {@code y = Aᵀ(x − mean)}, A's columns the training set's leading principal directions. With n
 * training vectors there are at most n − 1 directions, found through the n × n Gram matrix (so n
 * can be a few hundred whatever the dimension). Used to measure what a projection costs in
 * verification accuracy before any index would store projected vectors.
 */
public final class LearnedProjection {
    private final double[] mean;
    /** axes[j] = principal direction j (unit length), by decreasing variance. */
    private final double[][] axes;
    private final double[] variances;

    private LearnedProjection(double[] mean, double[][] axes, double[] variances) {
        this.mean = mean;
        this.axes = axes;
        this.variances = variances;
    }

    /** PCA of {@code training} (all of one dimension), keeping every direction with non-zero variance. */
    public static LearnedProjection fit(List<float[]> training) {
        int n = training.size();
        if (n < 3) {
            throw new IllegalArgumentException("need at least 3 training vectors, got " + n);
        }
        GramPca pca = GramPca.of(training);
        double[] values = pca.eigen().values;
        // drop the null directions (λ ≈ 0): n vectors span at most n − 1
        int rank = 0;
        while (rank < Math.min(n - 1, pca.mean().length) && values[rank] > values[0] * 1e-10) {
            rank++;
        }
        double[][] axes = new double[rank][];
        double[] variances = new double[rank];
        for (int j = 0; j < rank; j++) {
            axes[j] = pca.direction(j);
            variances[j] = values[j];
        }
        double[] mean = pca.mean();
        return new LearnedProjection(mean, axes, variances);
    }

    /** The most dimensions this projection can keep (the training set's rank). */
    public int maxDimensions() {
        return axes.length;
    }

    /** Share of the training variance the first {@code dims} directions hold. */
    public double varianceShare(int dims) {
        double all = 0;
        double kept = 0;
        for (int j = 0; j < variances.length; j++) {
            all += variances[j];
            kept += j < dims ? variances[j] : 0;
        }
        return kept / all;
    }

    /** The first {@code dims} principal coordinates of {@code x}. */
    public float[] apply(float[] x, int dims) {
        if (dims < 1 || dims > axes.length) {
            throw new IllegalArgumentException("dims must be 1.." + axes.length + ": " + dims);
        }
        if (x.length != mean.length) {
            throw new IllegalArgumentException("vector has " + x.length + " dimensions, expected " + mean.length);
        }
        float[] y = new float[dims];
        for (int j = 0; j < dims; j++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += axes[j][i] * (x[i] - mean[i]);
            }
            y[j] = (float) s;
        }
        return y;
    }

    /** {@code x − mean}: the vector centred as the projection centres it, all dimensions kept. */
    public float[] centre(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] - mean[i]);
        }
        return y;
    }
}
