package org.sadasya.face;

/** How alike two face embeddings are: a value type's arithmetic, usable without the engine. */
public final class Similarity {

    private Similarity() {}

    /** Cosine similarity of two embeddings, −1..1 (0 when either is all zeros). */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embedding sizes differ: " + a.length + " vs " + b.length);
        }
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
