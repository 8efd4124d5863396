package org.sadasya.lab.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.face.testsupport.SharedData;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.index.lucene.VectorQuantization;

/**
 * Recall of the Lucene HNSW index against the exact scan, on generated faceres-like vectors, for
 * held-out queries (re-captures of gallery members and unrelated people, none of them indexed).
 */
class HnswRecallTest {

    /** The first service setting on 1024-d faceres faces: M 16, efConstruction 100, 200 candidates. */
    static final HnswOptions FIRST_SETTING = HnswOptions.defaults().withGraph(16, 100).withCandidates(200);

    @TempDir
    Path tmp;

    /**
     * 1e5 entries, the production path: full 1024-d vectors, int8-quantised graph (M 16,
     * efConstruction 100), 200 candidates re-ranked exactly — the service's setting for faceres.
     *
     * <p>The graph is built by parallel threads and merged by parallel workers, so it differs from
     * run to run; recall@1 over a few hundred queries moves with it (0.985–1.000 over 200–500
     * queries in our runs). The bar, recall@10 ≥ 0.99, is asserted as is over 500 queries
     * (5 000 neighbours). Recall@1 is one event per query: near 0.99 its sampling error over 500
     * queries is ±0.009 (95 %), so a 0.99 bar would fail by chance about half the time; it is held
     * to 0.98 (CI once measured 0.985 over 200 queries with recall@10 at 0.994).
     */
    @Test
    void atOneLakhEntries_recallAt10IsAtLeast099_againstExactSearch() {
        IndexBenchmark.Result r = IndexBenchmark.run(new IndexBenchmark.Options(
                100_000, 1024, 500, 10, tmp.resolve("int8"), false, false, FIRST_SETTING, 42, SharedData.root()));
        System.out.println("HnswRecallTest 1e5 int8: " + r.fields()); // the margin over the bars, in the CI log
        assertThat(r.recallAt10()).as(r.fields().toString()).isGreaterThanOrEqualTo(0.99);
        assertThat(r.recallAt1()).as(r.fields().toString()).isGreaterThanOrEqualTo(0.98);
        assertThat(r.fields().get("segments")).isEqualTo(1);
        assertThat(r.fields().get("vectorization")).as("Lucene's vector implementation was identified")
                .isIn("DefaultVectorUtilSupport", "PanamaVectorUtilSupport");
    }

    /**
     * The state-scale configuration: the graph on a 128-d projection learned from the gallery, int8,
     * M 32, 250 candidates of which the best 50 are re-ranked on the full vectors (README, "A
     * projected graph": recall@10 0.991 and p50 3.5 ms at 1 M). Same bars as above.
     */
    @Test
    void projectedGraph_recallAt10IsAtLeast099_againstExactSearch() {
        HnswOptions projected = HnswOptions.defaults().withGraph(32, 100).withCandidates(250).withRerankDepth(50)
                .withProjection(128, 10_000);
        IndexBenchmark.Result r = IndexBenchmark.run(new IndexBenchmark.Options(
                100_000, 1024, 500, 10, tmp.resolve("projected"), false, false, projected, 42, SharedData.root()));
        System.out.println("HnswRecallTest 1e5 projected 128 int8 M32: " + r.fields());
        assertThat(r.fields().get("projectedDim")).as("the graph is built on the projection").isEqualTo(128);
        assertThat(r.recallAt10()).as(r.fields().toString()).isGreaterThanOrEqualTo(0.99);
        assertThat(r.recallAt1()).as(r.fields().toString()).isGreaterThanOrEqualTo(0.98);
    }

    /** The state-scale format: int4 (half the memory of int8), the same re-ranking. */
    @Test
    void fullDimensionInt4_recallAt10IsAtLeast099_againstExactSearch() {
        HnswOptions int4 = FIRST_SETTING.withQuantization(VectorQuantization.INT4);
        IndexBenchmark.Result r = IndexBenchmark.run(new IndexBenchmark.Options(
                10_000, 1024, 200, 10, tmp.resolve("int4"), false, false, int4, 42, SharedData.root()));
        System.out.println("HnswRecallTest 1e4 int4: " + r.fields());
        assertThat(r.recallAt10()).as(r.fields().toString()).isGreaterThanOrEqualTo(0.99);
        assertThat(r.recallAt1()).as(r.fields().toString()).isGreaterThanOrEqualTo(0.99);
    }
}
