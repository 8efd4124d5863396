package org.sadasya.decision;

import java.util.Arrays;

/**
 * A 64-bit fingerprint as four 16-bit chunks, for multi-index hashing (Norouzi et al., CVPR 2012):
 * two hashes within {@code d} bits of each other agree within {@code d / 4} bits (rounded down) on at
 * least one chunk, so a search needs only the rows whose chunk is that close on some chunk.
 */
public final class FingerprintChunks {

    public static final int CHUNKS = 4;
    private static final int BITS = 16;

    /**
     * Beyond this chunk radius (distances of 20 bits or more) the lookup lists 6 885 values or more
     * per chunk and a scan is simpler; IMAGE_REUSE's review distance is 12 (radius 3, 697 values).
     */
    public static final int MAX_RADIUS = 4;

    private FingerprintChunks() {}

    /** Chunk k is bits 16k..16k+15 (chunk 0 the lowest). */
    public static int[] of(long hash) {
        int[] chunks = new int[CHUNKS];
        for (int k = 0; k < CHUNKS; k++) {
            chunks[k] = (int) ((hash >>> (BITS * k)) & 0xFFFF);
        }
        return chunks;
    }

    /** The radius each chunk is searched with for hashes within {@code maxDistance} bits. */
    public static int radius(int maxDistance) {
        if (maxDistance < 0) {
            throw new IllegalArgumentException("a distance is not negative: " + maxDistance);
        }
        return maxDistance / CHUNKS;
    }

    /** Every 16-bit value within {@code radius} bits of {@code chunk}, the chunk itself first. */
    public static int[] within(int chunk, int radius) {
        if (radius < 0 || radius > BITS) {
            throw new IllegalArgumentException("radius must be 0..16: " + radius);
        }
        int[] out = new int[count(radius)];
        int[] n = {0};
        flips(chunk, 0, radius, out, n);
        return Arrays.copyOf(out, n[0]);
    }

    private static void flips(int value, int fromBit, int left, int[] out, int[] n) {
        out[n[0]++] = value;
        if (left == 0) {
            return;
        }
        for (int b = fromBit; b < BITS; b++) {
            flips(value ^ (1 << b), b + 1, left - 1, out, n);
        }
    }

    private static int count(int radius) {
        int total = 0;
        long binomial = 1;
        for (int r = 0; r <= radius; r++) {
            total += (int) binomial;
            binomial = binomial * (BITS - r) / (r + 1);
        }
        return total;
    }
}
