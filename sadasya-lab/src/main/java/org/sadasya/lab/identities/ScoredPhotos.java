package org.sadasya.lab.identities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The photos of one table row that have an embedding, unit length, grouped by identity (ids 0..k−1
 * in order of first appearance).
 */
final class ScoredPhotos {
    final int count;
    final int dim;
    final float[] vectors;
    final int[] identity;
    final List<String> identities;
    final int[] photosOf;
    /** The photo behind each index. */
    List<IdentityPhoto> photos = List.of();

    /** A view of {@code parent}'s photos {@code kept}, identities renumbered. */
    private ScoredPhotos(ScoredPhotos parent, List<Integer> kept) {
        this.count = kept.size();
        this.dim = parent.dim;
        this.vectors = null;
        this.identity = new int[count];
        Map<Integer, Integer> renumber = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int old = parent.identity[kept.get(i)];
            identity[i] = renumber.computeIfAbsent(old, k -> {
                names.add(parent.identities.get(k));
                return renumber.size();
            });
        }
        this.identities = List.copyOf(names);
        this.photosOf = new int[names.size()];
        for (int i = 0; i < count; i++) {
            photosOf[identity[i]]++;
        }
        this.parent = parent;
        this.parentIndex = kept.stream().mapToInt(Integer::intValue).toArray();
    }

    private ScoredPhotos parent;
    private int[] parentIndex;

    private ScoredPhotos(List<float[]> vs, List<Integer> ids, List<String> names) {
        this.count = vs.size();
        this.dim = vs.isEmpty() ? 0 : vs.get(0).length;
        this.vectors = new float[count * dim];
        this.identity = new int[count];
        this.identities = List.copyOf(names);
        this.photosOf = new int[names.size()];
        for (int i = 0; i < count; i++) {
            float[] v = vs.get(i);
            double n = 0;
            for (float x : v) {
                n += (double) x * x;
            }
            float k = (float) (1 / Math.sqrt(n));
            for (int d = 0; d < dim; d++) {
                vectors[i * dim + d] = v[d] * k;
            }
            identity[i] = ids.get(i);
            photosOf[identity[i]]++;
        }
    }

    /** The photos {@code take} keeps that have a face (a photo with no face is counted, never scored). */
    static ScoredPhotos of(List<IdentityPhoto> photos, Map<String, float[]> embeddings, Predicate<IdentityPhoto> take) {
        List<float[]> vs = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        List<IdentityPhoto> kept = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (IdentityPhoto p : photos) {
            float[] e = embeddings.get(p.key());
            if (!take.test(p) || e == null || e.length == 0) {
                continue;
            }
            vs.add(e);
            kept.add(p);
            ids.add(index.computeIfAbsent(p.identity(), k -> index.size()));
        }
        ScoredPhotos out = new ScoredPhotos(vs, ids, new ArrayList<>(index.keySet()));
        out.photos = List.copyOf(kept);
        return out;
    }

    double score(int i, int j) {
        if (parent != null) {
            int a = parentIndex[i], b = parentIndex[j];
            return a < b ? parent.score(a, b) : parent.score(b, a);
        }
        if (scores != null) {
            return scores[pairIndex(i, j)];
        }
        double s = 0;
        int a = i * dim, b = j * dim;
        for (int d = 0; d < dim; d++) {
            s += vectors[a + d] * vectors[b + d];
        }
        return s;
    }

    private float[] scores;

    private int pairIndex(int i, int j) {
        return (int) ((long) i * (2L * count - i - 1) / 2 + (j - i - 1));
    }

    /**
     * Computes every pair's score once (count·(count−1)/2 floats), so that the table's rows and the
     * metric's two passes read them instead of recomputing dot products.
     */
    ScoredPhotos withAllScores(int threads) throws InterruptedException {
        long pairs = (long) count * (count - 1) / 2;
        if (pairs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(count + " photos are too many to hold every pair's score");
        }
        float[] out = new float[(int) pairs];
        Thread[] workers = new Thread[threads];
        for (int w = 0; w < threads; w++) {
            int worker = w;
            workers[w] = new Thread(() -> {
                for (int i = worker; i < count; i += threads) {
                    for (int j = i + 1; j < count; j++) {
                        out[pairIndex(i, j)] = (float) score(i, j);
                    }
                }
            });
            workers[w].start();
        }
        for (Thread t : workers) {
            t.join();
        }
        scores = out;
        return this;
    }

    /** The photos whose index {@code keep} accepts, sharing this set's scores when they are computed. */
    ScoredPhotos subset(Predicate<IdentityPhoto> keep) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (keep.test(photos.get(i))) {
                kept.add(i);
            }
        }
        ScoredPhotos view = new ScoredPhotos(this, kept);
        view.photos = kept.stream().map(photos::get).toList();
        return view;
    }
}
