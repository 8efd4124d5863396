package org.sadasya.enrollment;

/**
 * Time from receipt to decision, counted in buckets whose bounds grow by √2: bucket 0 holds
 * [0, 1 s), bucket {@code k} for 1 ≤ k ≤ 42 holds [2^((k−1)/2), 2^(k/2)) seconds, bucket 43 every
 * time from 2^21 s (24 days) on. A median read from the counts is exact to the bucket: it lies in
 * the bucket of the true median (or between the buckets of the two middle values), at most 41 % off.
 * This lets {@link EnrollmentDayCounts} keep the median of millions of decisions in a few columns.
 */
public final class DecisionTimeBuckets {

    public static final int COUNT = 44;

    /** {@code LOWER[k]} is bucket k's lower bound in seconds. */
    private static final double[] LOWER = new double[COUNT];

    static {
        LOWER[0] = 0;
        for (int k = 1; k < COUNT; k++) {
            LOWER[k] = Math.pow(2, (k - 1) / 2.0);
        }
    }

    private DecisionTimeBuckets() {}

    public static int of(double seconds) {
        int k = 0;
        while (k + 1 < COUNT && seconds >= LOWER[k + 1]) {
            k++;
        }
        return k;
    }

    /** The column that counts bucket k. */
    public static String column(int k) {
        return "decided_%02d".formatted(k);
    }

    public static double lower(int k) {
        return LOWER[k];
    }

    /**
     * The median (as PERCENTILE_CONT(0.5) defines it) estimated from bucket counts: the middle rank's
     * bucket, interpolated by rank inside it; the open last bucket answers its lower bound. Null when
     * nothing was counted.
     */
    public static Double median(long[] counts) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        if (n == 0) {
            return null;
        }
        return (value(counts, (n - 1) / 2) + value(counts, n / 2)) / 2;
    }

    /** The estimated value of the 0-based {@code rank}-th smallest time. */
    private static double value(long[] counts, long rank) {
        long before = 0;
        for (int k = 0; k < COUNT; k++) {
            if (rank < before + counts[k]) {
                if (k == COUNT - 1) {
                    return LOWER[k];
                }
                double within = (rank - before + 0.5) / counts[k];
                return LOWER[k] + (LOWER[k + 1] - LOWER[k]) * within;
            }
            before += counts[k];
        }
        throw new IllegalStateException("rank beyond the counts");
    }
}
