package org.sadasya.index.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.VectorUtil;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * The linear map that gives the HNSW graph short vectors: {@code y = B(x − mean)}, where the k rows
 * of B span the gallery's k leading principal directions (PCA of a training sample) and are turned
 * by a random k × k rotation. Rows are orthonormal, so for unit vectors x, q the graph's Euclidean
 * distance ‖y(x) − y(q)‖² is ‖x − q‖² = 2 − 2·cos(x, q) less what lies outside the kept subspace.
 *
 * <p>Why the rotation: PCA coordinates have very unequal variances (the first holds tens of times
 * the variance of the 100th), and Lucene's scalar quantiser uses one range for all coordinates, so
 * the small ones would get a few levels each. A rotation spreads the variance evenly over the
 * coordinates and changes no distance.
 *
 * <p>Only candidates come from the projected graph: every reported similarity is recomputed on the
 * full vectors, so the projection can cost recall, never a wrong score.
 */
public final class GraphProjection {
    private static final String CODEC = "SadasyaGraphProjection";
    private static final int VERSION = 0;

    private final float[] mean;
    /** rows[j] = output coordinate j as a unit row over the input dimensions. */
    private final float[][] rows;
    /** offsets[j] = rows[j] · mean, so that y_j = rows[j] · x − offsets[j]. */
    private final float[] offsets;
    private final int trainingSize;
    private final double varianceKept;

    private GraphProjection(float[] mean, float[][] rows, int trainingSize, double varianceKept) {
        this.mean = mean;
        this.rows = rows;
        this.trainingSize = trainingSize;
        this.varianceKept = varianceKept;
        this.offsets = new float[rows.length];
        for (int j = 0; j < rows.length; j++) {
            offsets[j] = VectorUtil.dotProduct(rows[j], mean);
        }
    }

    /**
     * PCA of {@code training} (all of one dimension), keeping {@code dims} directions, then a random
     * rotation drawn from {@code seed}. Needs more training vectors than {@code dims}.
     */
    public static GraphProjection learn(List<float[]> training, int dims, long seed) {
        int n = training.size();
        if (n <= dims) {
            throw new IllegalArgumentException("a projection to " + dims + " dimensions needs more than " + dims
                    + " training vectors, got " + n);
        }
        int d = training.get(0).length;
        if (dims < 1 || dims > d) {
            throw new IllegalArgumentException("dims must be 1.." + d + ": " + dims);
        }
        double[] mean = new double[d];
        for (float[] x : training) {
            if (x.length != d) {
                throw new IllegalArgumentException("training vectors differ in dimension: " + x.length + " and " + d);
            }
            for (int i = 0; i < d; i++) {
                mean[i] += x[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= n;
        }
        DMatrixRMaj centred = new DMatrixRMaj(n, d);
        for (int r = 0; r < n; r++) {
            float[] x = training.get(r);
            for (int i = 0; i < d; i++) {
                centred.unsafe_set(r, i, x[i] - mean[i]);
            }
        }
        DMatrixRMaj scatter = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multInner(centred, scatter); // centredᵀ · centred, symmetric
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eigen.decompose(scatter)) {
            throw new IllegalStateException("the eigen-decomposition of the training covariance did not converge");
        }
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            order.add(j);
        }
        order.sort(Comparator.comparingDouble((Integer j) -> eigen.getEigenvalue(j).real).reversed());
        double total = 0;
        double kept = 0;
        for (int j = 0; j < d; j++) {
            double value = Math.max(0, eigen.getEigenvalue(order.get(j)).real);
            total += value;
            kept += j < dims ? value : 0;
        }
        DMatrixRMaj axes = new DMatrixRMaj(dims, d); // principal directions as rows
        for (int j = 0; j < dims; j++) {
            DMatrixRMaj v = eigen.getEigenVector(order.get(j));
            for (int i = 0; i < d; i++) {
                axes.unsafe_set(j, i, v.get(i));
            }
        }
        DMatrixRMaj rotated = new DMatrixRMaj(dims, d);
        CommonOps_DDRM.mult(randomRotation(dims, seed), axes, rotated);
        float[][] rows = new float[dims][d];
        for (int j = 0; j < dims; j++) {
            for (int i = 0; i < d; i++) {
                rows[j][i] = (float) rotated.unsafe_get(j, i);
            }
        }
        float[] m = new float[d];
        for (int i = 0; i < d; i++) {
            m[i] = (float) mean[i];
        }
        return new GraphProjection(m, rows, n, total > 0 ? kept / total : 1.0);
    }

    /** A uniformly random orthogonal matrix: Q of the QR decomposition of a Gaussian matrix. */
    private static DMatrixRMaj randomRotation(int k, long seed) {
        Random random = new Random(seed);
        DMatrixRMaj gaussian = new DMatrixRMaj(k, k);
        for (int i = 0; i < gaussian.data.length; i++) {
            gaussian.data[i] = random.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(k, k);
        if (!qr.decompose(gaussian)) {
            throw new IllegalStateException("QR decomposition failed");
        }
        return qr.getQ(null, false);
    }

    /** The projected coordinates of {@code x} (a vector of {@link #inputDimension()}). */
    public float[] project(float[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("vector has " + x.length + " dimensions, expected " + mean.length);
        }
        float[] y = new float[rows.length];
        for (int j = 0; j < rows.length; j++) {
            y[j] = VectorUtil.dotProduct(rows[j], x) - offsets[j];
        }
        return y;
    }

    public int inputDimension() {
        return mean.length;
    }

    public int outputDimension() {
        return rows.length;
    }

    /** How many vectors the PCA was learned from. */
    public int trainingSize() {
        return trainingSize;
    }

    /** Share of the training sample's variance inside the kept subspace. */
    public double varianceKept() {
        return varianceKept;
    }

    /** Writes this projection as file {@code name} of {@code dir}, checksummed, and syncs it. */
    void write(Directory dir, String name) throws IOException {
        try (IndexOutput out = dir.createOutput(name, IOContext.DEFAULT)) {
            CodecUtil.writeHeader(out, CODEC, VERSION);
            out.writeVInt(mean.length);
            out.writeVInt(rows.length);
            out.writeVInt(trainingSize);
            out.writeLong(Double.doubleToLongBits(varianceKept));
            writeFloats(out, mean);
            for (float[] row : rows) {
                writeFloats(out, row);
            }
            CodecUtil.writeFooter(out);
        }
        dir.sync(List.of(name));
    }

    /** Reads a projection written by {@link #write}; a damaged file fails its checksum. */
    static GraphProjection read(Directory dir, String name) throws IOException {
        try (ChecksumIndexInput in = dir.openChecksumInput(name, IOContext.READONCE)) {
            CodecUtil.checkHeader(in, CODEC, VERSION, VERSION);
            int d = in.readVInt();
            int k = in.readVInt();
            int trainingSize = in.readVInt();
            double varianceKept = Double.longBitsToDouble(in.readLong());
            float[] mean = readFloats(in, d);
            float[][] rows = new float[k][];
            for (int j = 0; j < k; j++) {
                rows[j] = readFloats(in, d);
            }
            CodecUtil.checkFooter(in);
            return new GraphProjection(mean, rows, trainingSize, varianceKept);
        }
    }

    private static void writeFloats(IndexOutput out, float[] values) throws IOException {
        for (float v : values) {
            out.writeInt(Float.floatToIntBits(v));
        }
    }

    private static float[] readFloats(ChecksumIndexInput in, int n) throws IOException {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = Float.intBitsToFloat(in.readInt());
        }
        return values;
    }
}
