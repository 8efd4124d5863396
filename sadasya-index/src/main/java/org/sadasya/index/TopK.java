package org.sadasya.index;

import java.util.Arrays;

/** Keeps the k best (highest score) integer handles seen; a bounded min-heap without boxing. */
public final class TopK {
    private final int k;
    private final float[] scores;
    private final long[] handles;
    private int size;

    public TopK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        this.k = k;
        this.scores = new float[k];
        this.handles = new long[k];
    }

    /** The score a candidate must beat to enter (−∞ while not full). */
    public float threshold() {
        return size < k ? Float.NEGATIVE_INFINITY : scores[0];
    }

    public void offer(long handle, float score) {
        if (size < k) {
            scores[size] = score;
            handles[size] = handle;
            siftUp(size++);
        } else if (score > scores[0]) {
            scores[0] = score;
            handles[0] = handle;
            siftDown(0);
        }
    }

    public int size() {
        return size;
    }

    /** Handles, best first; ties broken by the smaller handle for determinism. */
    public long[] bestFirst() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Float.compare(scores[b], scores[a]);
            return c != 0 ? c : Long.compare(handles[a], handles[b]);
        });
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = handles[order[i]];
        }
        return out;
    }

    private boolean less(int i, int j) {
        int c = Float.compare(scores[i], scores[j]);
        return c < 0 || (c == 0 && handles[i] > handles[j]);
    }

    private void swap(int i, int j) {
        float s = scores[i];
        scores[i] = scores[j];
        scores[j] = s;
        long h = handles[i];
        handles[i] = handles[j];
        handles[j] = h;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int m = i;
            if (l < size && less(l, m)) {
                m = l;
            }
            if (r < size && less(r, m)) {
                m = r;
            }
            if (m == i) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }
}
