package org.sadasya.listaudit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Groups members whose faces match: union-find over the pairs found by the 1:N search. Clusters
 * are connected components, so A~B and B~C put A, B and C together even when A and C are below the
 * threshold; the report lists the direct pairs so a reviewer sees which links made the cluster.
 */
public final class FaceClusters {

    /** Two members (row indexes, {@code a < b}) whose faces match. */
    public record Pair(int a, int b, double similarity) {
        public Pair {
            if (a >= b) {
                throw new IllegalArgumentException("need a < b: " + a + ", " + b);
            }
        }
    }

    private FaceClusters() {}

    /** Connected components of size ≥ 2, each sorted, ordered by their first member. */
    public static List<List<Integer>> of(int size, List<Pair> pairs) {
        int[] parent = new int[size];
        for (int i = 0; i < size; i++) {
            parent[i] = i;
        }
        for (Pair p : pairs) {
            int ra = find(parent, p.a());
            int rb = find(parent, p.b());
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }
        TreeMap<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            if (g.size() >= 2) {
                out.add(List.copyOf(g));
            }
        }
        out.sort(Comparator.comparing(g -> g.get(0)));
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
