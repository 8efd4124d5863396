package org.sadasya.index;

import org.apache.lucene.util.VectorUtil;

/** Vector checks and the cosine kernel shared by the exact index, the HNSW re-ranker and the benchmark. */
public final class Vectors {

    private Vectors() {}

    /** Throws {@link IllegalArgumentException} unless the vector is non-empty, finite and non-zero. */
    public static float[] validate(float[] vector) {
        if (vector == null || vector.length == 0) {
            throw new IllegalArgumentException("vector is empty");
        }
        double sum = 0;
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("vector has a non-finite component");
            }
            sum += (double) v * v;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("vector is zero: cosine is undefined");
        }
        return vector;
    }

    /** A unit-length copy (cosine similarity is then a dot product). */
    public static float[] normalized(float[] vector) {
        validate(vector);
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i] * inv;
        }
        return out;
    }

    /**
     * Dot product through Lucene's {@link VectorUtil}, which uses SIMD (the Panama vector API) when
     * the runtime allows it ({@code --add-modules jdk.incubator.vector} on a supported JDK) and an
     * unrolled scalar loop otherwise.
     */
    public static float dot(float[] a, float[] b) {
        return VectorUtil.dotProduct(a, b);
    }

    public static void checkDimension(float[] vector, int dimension) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException(
                    "vector has " + vector.length + " dimensions, the index has " + dimension);
        }
    }
}
