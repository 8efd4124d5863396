package org.sadasya.listaudit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.sadasya.index.FaceIndex;
import org.sadasya.index.IndexEntry;
import org.sadasya.index.Neighbour;
import org.sadasya.index.ScopeFilter;

/**
 * Finds the face matches of a list with the 1:N index: every face is added once, then each face
 * asks for its {@link #NEIGHBOURS} nearest; those at or above the match threshold (other than
 * itself) are pairs. A face with more than {@code NEIGHBOURS} look-alikes still lands in their
 * cluster, because clustering follows the chains of pairs.
 */
public final class FacePairs {

    /** k of the k-NN query, self included: 10 others is far more than a real duplicate cluster holds. */
    public static final int NEIGHBOURS = 11;

    private FacePairs() {}

    /**
     * @param embeddings one embedding per row, null where the row has no face
     * @param threshold  cosine at or above which two faces are one person
     * @param pool       the threads that run the queries
     */
    public static List<FaceClusters.Pair> find(FaceIndex index, List<float[]> embeddings, double threshold,
            ExecutorService pool) throws InterruptedException {
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < embeddings.size(); i++) {
            if (embeddings.get(i) != null) {
                entries.add(new IndexEntry(Integer.toString(i), "LIST", embeddings.get(i), i));
            }
        }
        index.rebuild(entries.iterator());
        List<Future<List<FaceClusters.Pair>>> futures = new ArrayList<>();
        int batch = Math.max(1, entries.size() / 64);
        for (int from = 0; from < entries.size(); from += batch) {
            List<IndexEntry> part = entries.subList(from, Math.min(entries.size(), from + batch));
            futures.add(pool.submit(() -> {
                List<FaceClusters.Pair> found = new ArrayList<>();
                for (IndexEntry e : part) {
                    int self = Integer.parseInt(e.id());
                    for (Neighbour nb : index.search(e.vector(), NEIGHBOURS, ScopeFilter.all())) {
                        int other = Integer.parseInt(nb.id());
                        if (other != self && nb.similarity() >= threshold) {
                            found.add(new FaceClusters.Pair(Math.min(self, other), Math.max(self, other), nb.similarity()));
                        }
                    }
                }
                return found;
            }));
        }
        Map<Long, FaceClusters.Pair> unique = new HashMap<>();
        for (Future<List<FaceClusters.Pair>> f : futures) {
            try {
                for (FaceClusters.Pair p : f.get()) {
                    long key = ((long) p.a() << 32) | p.b();
                    unique.merge(key, p, (x, y) -> x.similarity() >= y.similarity() ? x : y);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("face search failed", e.getCause());
            }
        }
        List<FaceClusters.Pair> out = new ArrayList<>(unique.values());
        out.sort(Comparator.comparingInt(FaceClusters.Pair::a).thenComparingInt(FaceClusters.Pair::b));
        return out;
    }
}
