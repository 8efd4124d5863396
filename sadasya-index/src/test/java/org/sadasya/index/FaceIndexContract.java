package org.sadasya.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link FaceIndex} must do; each implementation's test extends this. */
public abstract class FaceIndexContract {

    protected static final int DIM = 16;

    @TempDir
    protected Path tmp;

    /** Opens (or reopens) the implementation's index stored under {@code dir}. */
    protected abstract FaceIndex open(Path dir);

    protected static float[] randomVector(Random r) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void search_returnsTheKMostSimilar_inOrder_withExactCosine() {
        Random r = new Random(1);
        List<float[]> vectors = new ArrayList<>();
        try (FaceIndex index = open(tmp)) {
            for (int i = 0; i < 300; i++) {
                float[] v = randomVector(r);
                vectors.add(v);
                index.add("m" + i, "MP/D" + (i % 3), v);
            }
            assertThat(index.size()).isEqualTo(300);
            for (int q = 0; q < 20; q++) {
                float[] query = randomVector(r);
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < vectors.size(); i++) {
                    expected.add(i);
                }
                expected.sort(Comparator.comparingDouble(i -> -cosine(query, vectors.get(i))));
                List<Neighbour> got = index.search(query, 5, ScopeFilter.all());
                assertThat(got).extracting(Neighbour::id)
                        .containsExactlyElementsOf(expected.subList(0, 5).stream().map(i -> "m" + i).toList());
                for (Neighbour n : got) {
                    int i = Integer.parseInt(n.id().substring(1));
                    assertThat(n.similarity()).isCloseTo(cosine(query, vectors.get(i)), org.assertj.core.data.Offset.offset(1e-5));
                    assertThat(n.scope()).isEqualTo("MP/D" + (i % 3));
                }
            }
        }
    }

    @Test
    void aReCapture_findsItsOwnEntryFirst() {
        Random r = new Random(2);
        try (FaceIndex index = open(tmp)) {
            float[] target = null;
            for (int i = 0; i < 200; i++) {
                float[] v = randomVector(r);
                if (i == 123) {
                    target = v;
                }
                index.add("m" + i, "MP", v);
            }
            float[] recapture = target.clone();
            recapture[0] += 0.05f;
            assertThat(index.search(recapture, 1, ScopeFilter.all())).extracting(Neighbour::id).containsExactly("m123");
        }
    }

    @Test
    void scopeFilter_returnsOnlyEntriesAtOrBelowTheScope() {
        Random r = new Random(3);
        try (FaceIndex index = open(tmp)) {
            for (int i = 0; i < 150; i++) {
                String scope = switch (i % 3) {
                    case 0 -> "MP/BHOPAL/B" + i;
                    case 1 -> "MP/BHOPALGARH/B" + i;
                    default -> "MP/INDORE";
                };
                index.add("m" + i, scope, randomVector(r));
            }
            List<Neighbour> got = index.search(randomVector(r), 100, ScopeFilter.within("MP/BHOPAL"));
            assertThat(got).hasSize(50).allSatisfy(n -> assertThat(n.scope()).startsWith("MP/BHOPAL/"));
            assertThat(index.search(randomVector(r), 10, ScopeFilter.within("MP/INDORE")))
                    .hasSize(10).allSatisfy(n -> assertThat(n.scope()).isEqualTo("MP/INDORE"));
            assertThat(index.search(randomVector(r), 10, ScopeFilter.within("UP"))).isEmpty();
        }
    }

    @Test
    void removedEntries_areNeverReturned_andAddingAnIdAgainReplacesIt() {
        Random r = new Random(4);
        try (FaceIndex index = open(tmp)) {
            float[] a = randomVector(r);
            index.add("a", "MP", a);
            index.add("b", "MP", randomVector(r));
            index.remove("a");
            index.remove("a");
            assertThat(index.contains("a")).isFalse();
            assertThat(index.size()).isEqualTo(1);
            assertThat(index.search(a, 5, ScopeFilter.all())).extracting(Neighbour::id).containsExactly("b");

            float[] b2 = randomVector(r);
            index.add("b", "UP", b2);
            assertThat(index.size()).isEqualTo(1);
            List<Neighbour> got = index.search(b2, 5, ScopeFilter.all());
            assertThat(got).hasSize(1);
            assertThat(got.get(0).scope()).isEqualTo("UP");
            assertThat(got.get(0).similarity()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void afterReopen_theContentAndHighWaterMarkAreThere_soACallerCanCatchUp() {
        Random r = new Random(5);
        float[] last = null;
        try (FaceIndex index = open(tmp)) {
            for (int i = 0; i < 40; i++) {
                last = randomVector(r);
                index.add("m" + i, "MP", last, 100 + i);
            }
            index.remove("m0", 140);
            index.commit();
            index.add("late", "MP", randomVector(r), 141); // not committed explicitly: close commits
        }
        try (FaceIndex index = open(tmp)) {
            assertThat(index.size()).isEqualTo(40);
            assertThat(index.highWaterMark()).isEqualTo(141);
            assertThat(index.contains("m0")).isFalse();
            assertThat(index.search(last, 1, ScopeFilter.all())).extracting(Neighbour::id).containsExactly("m39");
            // catch-up replays changes above the mark; replaying an older one is harmless
            index.add("m39", "MP", last, 139);
            index.add("m40", "MP", randomVector(r), 142);
            assertThat(index.highWaterMark()).isEqualTo(142);
            assertThat(index.size()).isEqualTo(41);
        }
    }

    @Test
    void rebuild_replacesTheContent_andSetsTheHighWaterMark() {
        Random r = new Random(6);
        try (FaceIndex index = open(tmp)) {
            index.add("old", "MP", randomVector(r), 5);
            List<IndexEntry> fromDatabase = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                fromDatabase.add(new IndexEntry("n" + i, "MP/D" + (i % 4), randomVector(r), 1000 + i));
            }
            index.rebuild(fromDatabase.iterator());
            assertThat(index.size()).isEqualTo(120);
            assertThat(index.contains("old")).isFalse();
            assertThat(index.highWaterMark()).isEqualTo(1119);
            IndexEntry e = fromDatabase.get(77);
            assertThat(index.search(e.vector(), 1, ScopeFilter.all())).extracting(Neighbour::id).containsExactly("n77");
        }
        try (FaceIndex index = open(tmp)) {
            assertThat(index.size()).isEqualTo(120);
            assertThat(index.highWaterMark()).isEqualTo(1119);
        }
    }

    @Test
    void searchesWhileAdding_neverFail_andAlwaysSeeAConsistentIndex() throws Exception {
        Random r = new Random(7);
        try (FaceIndex index = open(tmp)) {
            float[] anchor = randomVector(r);
            index.add("anchor", "MP", anchor, 0);
            List<float[]> toAdd = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                toAdd.add(randomVector(r));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> searchers = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    searchers.add(pool.submit(() -> {
                        int checks = 0;
                        int lastSize = 0;
                        Random rr = new Random();
                        while (index.size() < 151 || checks < 50) {
                            List<Neighbour> got = index.search(anchor, 3, ScopeFilter.all());
                            // the anchor is never removed, so it is always the best match
                            assertThat(got.get(0).id()).isEqualTo("anchor");
                            assertThat(got.get(0).similarity()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
                            for (int i = 1; i < got.size(); i++) {
                                assertThat(got.get(i).similarity()).isLessThanOrEqualTo(got.get(i - 1).similarity());
                            }
                            int size = index.size();
                            assertThat(size).isGreaterThanOrEqualTo(lastSize); // adds only: never shrinks
                            lastSize = size;
                            index.search(randomVector(rr), 5, ScopeFilter.within("MP"));
                            checks++;
                            Thread.sleep(1); // leave the writer some of the 2 cores
                        }
                        return checks;
                    }));
                }
                Future<?> writer = pool.submit(() -> {
                    for (int i = 0; i < toAdd.size(); i++) {
                        index.add("m" + i, "MP/D" + (i % 5), toAdd.get(i), i + 1);
                    }
                });
                writer.get(2, TimeUnit.MINUTES);
                for (Future<Integer> s : searchers) {
                    assertThat(s.get(2, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(50);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(index.size()).isEqualTo(151);
            assertThat(index.highWaterMark()).isEqualTo(150);
        }
    }

    @Test
    void addAll_makesABatchVisibleAtOnce() {
        Random r = new Random(8);
        try (FaceIndex index = open(tmp)) {
            List<IndexEntry> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(new IndexEntry("m" + i, "MP", randomVector(r), 10 + i));
            }
            index.addAll(batch);
            assertThat(index.size()).isEqualTo(50);
            assertThat(index.highWaterMark()).isEqualTo(59);
            assertThat(index.search(batch.get(7).vector(), 1, ScopeFilter.all())).extracting(Neighbour::id).containsExactly("m7");
        }
    }

    @Test
    void wrongDimensions_andBadVectors_areRejected() {
        try (FaceIndex index = open(tmp)) {
            assertThatThrownBy(() -> index.add("x", "MP", new float[DIM + 1])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.add("x", "MP", new float[DIM])).isInstanceOf(IllegalArgumentException.class);
            float[] nan = new float[DIM];
            nan[0] = Float.NaN;
            assertThatThrownBy(() -> index.add("x", "MP", nan)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> index.search(new float[3], 1, ScopeFilter.all())).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
