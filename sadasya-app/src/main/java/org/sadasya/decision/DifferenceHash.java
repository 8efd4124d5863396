package org.sadasya.decision;

/**
 * 64-bit difference hash (dHash): the image is reduced to a 9 × 8 grid of mean luminance and each
 * bit says whether a cell is brighter than its right neighbour. Because each cell averages a whole
 * region, the hash survives resizing and JPEG re-encoding (N. Krawetz, "Kind of Like That", 2013:
 * distances ≤ 10 of 64 bits indicate the same picture).
 */
public final class DifferenceHash {

    private DifferenceHash() {}

    /**
     * @param luminance row-major luminance 0..255 of a {@code width × height} image
     */
    public static long of(double[] luminance, int width, int height) {
        if (width < 9 || height < 8 || luminance.length != width * height) {
            throw new IllegalArgumentException("image too small for a difference hash: " + width + "x" + height);
        }
        double[] grid = new double[9 * 8];
        double[] count = new double[9 * 8];
        for (int y = 0; y < height; y++) {
            int gy = y * 8 / height;
            for (int x = 0; x < width; x++) {
                int gx = x * 9 / width;
                grid[gy * 9 + gx] += luminance[y * width + x];
                count[gy * 9 + gx]++;
            }
        }
        long hash = 0;
        for (int gy = 0; gy < 8; gy++) {
            for (int gx = 0; gx < 8; gx++) {
                double left = grid[gy * 9 + gx] / count[gy * 9 + gx];
                double right = grid[gy * 9 + gx + 1] / count[gy * 9 + gx + 1];
                hash = (hash << 1) | (left > right ? 1 : 0);
            }
        }
        return hash;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
