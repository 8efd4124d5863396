package org.sadasya.lab.index;

import java.util.List;

/**
 * PCA of n vectors of dimension d ≫ n through the n × n Gram matrix of the centred vectors divided
 * by n − 1: its eigenvalues are the sample's principal variances, and principal direction j is
 * {@code centredᵀ·u_j / √((n − 1)·λ_j)}.
 */
record GramPca(double[] mean, double[][] centred, SymmetricEigen eigen) {

    static GramPca of(List<float[]> vectors) {
        int n = vectors.size();
        int d = vectors.get(0).length;
        double[] mean = new double[d];
        for (float[] v : vectors) {
            if (v.length != d) {
                throw new IllegalArgumentException("vectors differ in dimension");
            }
            for (int i = 0; i < d; i++) {
                mean[i] += v[i] / (double) n;
            }
        }
        double[][] centred = new double[n][d];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                centred[r][i] = vectors.get(r)[i] - mean[i];
            }
        }
        double[][] gram = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += centred[a][i] * centred[b][i];
                }
                gram[a][b] = gram[b][a] = s / (n - 1);
            }
        }
        return new GramPca(mean, centred, SymmetricEigen.of(gram));
    }

    /** Principal direction j (unit length). */
    double[] direction(int j) {
        int n = centred.length;
        double[] out = new double[mean.length];
        double norm = Math.sqrt((n - 1) * eigen.values[j]);
        for (int r = 0; r < n; r++) {
            double w = eigen.vectors[r][j] / norm;
            for (int i = 0; i < out.length; i++) {
                out[i] += w * centred[r][i];
            }
        }
        return out;
    }
}
