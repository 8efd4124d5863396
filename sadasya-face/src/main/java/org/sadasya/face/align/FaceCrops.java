package org.sadasya.face.align;

/** Small operations on square HWC face crops and on embeddings made from them. */
public final class FaceCrops {
    private FaceCrops() {}

    /** The crop mirrored left to right (a second view of the same face, for averaging embeddings). */
    public static float[] mirrored(float[] hwc, int side) {
        float[] out = new float[hwc.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                System.arraycopy(hwc, (y * side + (side - 1 - x)) * 3, out, (y * side + x) * 3, 3);
            }
        }
        return out;
    }

    /** {@code v} scaled to unit length, in place (a zero vector stays zero). */
    public static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        float k = n == 0 ? 0 : (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) {
            v[i] *= k;
        }
        return v;
    }
}
