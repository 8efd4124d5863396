package org.sadasya.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;
import org.sadasya.index.IndexEntry;
import org.sadasya.index.Neighbour;
import org.sadasya.index.Vectors;

/** The parts of {@link LuceneHnswFaceIndex}, each on its own over an in-memory Lucene directory. */
class IndexPartsTest {

    static final int DIM = 16;

    @Test
    void rerankChunks_spreadCandidatesOverAllReaders_butNeverBelowTwo() {
        assertThat(ExactReranker.rerankChunk(200, 32)).isEqualTo(7); // 29 tasks of 7 (the caller takes one)
        assertThat(ExactReranker.rerankChunk(50, 32)).isEqualTo(ExactReranker.MIN_RERANK_CHUNK);
        assertThat(ExactReranker.rerankChunk(500, 32)).isEqualTo(16);
        assertThat(ExactReranker.rerankChunk(200, 1)).isEqualTo(100);
        assertThat(ExactReranker.rerankChunk(1, 32)).isEqualTo(ExactReranker.MIN_RERANK_CHUNK);
    }

    /** Over several segments, in the caller's thread or with a pool: the exact best k, as brute force finds them. */
    @Test
    void reranker_answersTheExactBestK_withOrWithoutReaders() throws IOException {
        Random random = new Random(3);
        List<IndexEntry> entries = entries(random, 300);
        try (Directory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setCodec(IndexCodecs.of(HnswOptions.defaults(), null)))) {
                for (int i = 0; i < entries.size(); i++) {
                    w.addDocument(FaceDocuments.of(entries.get(i), null));
                    if (i % 100 == 99) {
                        w.flush(); // three segments
                    }
                }
            }
            float[] q = Vectors.normalized(entries.get(0).vector().clone());
            q[0] += 0.3f;
            float[] query = Vectors.normalized(q);
            List<String> expected = entries.stream()
                    .sorted(Comparator.comparingDouble((IndexEntry e) -> -Vectors.dot(query, Vectors.normalized(e.vector()))))
                    .limit(10).map(IndexEntry::id).toList();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                assertThat(reader.leaves()).hasSizeGreaterThan(1);
                ScoreDoc[] all = searcher.search(new MatchAllDocsQuery(), 1000).scoreDocs;
                for (ExactReranker r : List.of(new ExactReranker(null, 1), new ExactReranker(pool, 3))) {
                    List<Neighbour> best = r.rerank(searcher, FaceDocuments.FIELD_VECTOR, query, all, 10);
                    assertThat(best).extracting(Neighbour::id).containsExactlyElementsOf(expected);
                    IndexEntry top = entries.stream().filter(e -> e.id().equals(expected.get(0))).findFirst().orElseThrow();
                    assertThat((double) best.get(0).similarity())
                            .isCloseTo(Vectors.dot(query, Vectors.normalized(top.vector())), org.assertj.core.data.Offset.offset(1e-5));
                    assertThat(best.get(0).scope()).isEqualTo(top.scope());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aDocument_isFoundByEachLevelOfItsScope_andNotByAnother() throws IOException {
        try (Directory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setCodec(IndexCodecs.of(HnswOptions.defaults(), null)))) {
                w.addDocument(FaceDocuments.of(new IndexEntry("m1", "MP/BHOPAL/B1", unit(new Random(1)), 7), null));
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher s = new IndexSearcher(reader);
                for (String level : List.of("MP", "MP/BHOPAL", "MP/BHOPAL/B1")) {
                    assertThat(s.count(new TermQuery(new Term(FaceDocuments.FIELD_SCOPE_LEVEL, level)))).as(level).isEqualTo(1);
                }
                assertThat(s.count(new TermQuery(new Term(FaceDocuments.FIELD_SCOPE_LEVEL, "MP/INDORE")))).isZero();
                assertThat(s.count(new TermQuery(new Term(FaceDocuments.FIELD_SCOPE_LEVEL, "MP/BHOP")))).isZero();
            }
        }
    }

    @Test
    void bulkLoader_addsEveryEntryOnSeveralThreads_intoTheAskedSegments_andAnswersTheHighestSequence() throws Exception {
        List<IndexEntry> entries = entries(new Random(5), 2000);
        HnswOptions options = HnswOptions.defaults().withSegments(1);
        try (Directory dir = new ByteBuffersDirectory();
                IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setCodec(IndexCodecs.of(options, null)))) {
            BulkLoader loader = new BulkLoader(w, options, DIM);
            long mark = loader.load(entries.iterator(), null);
            assertThat(mark).isEqualTo(entries.stream().mapToLong(IndexEntry::sequence).max().orElseThrow());
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertThat(reader.numDocs()).isEqualTo(entries.size());
                assertThat(reader.leaves()).hasSize(1);
            }
            float[] tooLong = new float[DIM + 1];
            java.util.Arrays.fill(tooLong, 1f);
            assertThatThrownBy(() -> loader.checked(new IndexEntry("x", "MP", tooLong, 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("17 dimensions");
        }
    }

    @Test
    void projectionStore_keepsTheCommittedFile_readsItBack_andDeletesTheRest() throws IOException {
        List<IndexEntry> head = entries(new Random(9), 200);
        HnswOptions options = HnswOptions.defaults().withProjection(8, 200);
        assertThat(ProjectionStore.learn(head.subList(0, 8 * HnswOptions.MIN_TRAINING_PER_DIMENSION - 1), options, DIM))
                .as("too few vectors to learn from: no projection").isNull();
        assertThat(ProjectionStore.learn(head, HnswOptions.defaults(), DIM)).as("none asked for").isNull();
        GraphProjection learned = ProjectionStore.learn(head, options, DIM);
        assertThat(learned.outputDimension()).isEqualTo(8);
        try (Directory dir = new ByteBuffersDirectory()) {
            ProjectionStore store = new ProjectionStore(dir, DIM);
            store.use(learned);
            String first = store.file();
            store.use(learned);
            String second = store.file();
            assertThat(second).isNotEqualTo(first).startsWith(ProjectionStore.PROJECTION_FILE_PREFIX);
            store.deleteStale();
            assertThat(dir.listAll()).containsExactly(second);

            ProjectionStore reopened = new ProjectionStore(dir, DIM);
            reopened.open(second);
            float[] x = unit(new Random(2));
            assertThat(reopened.current().project(x)).containsExactly(learned.project(x));
            assertThatThrownBy(() -> new ProjectionStore(dir, DIM * 2).open(second))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("expected 32");
            ProjectionStore none = new ProjectionStore(dir, DIM);
            none.open(null);
            assertThat(none.current()).isNull();
        }
    }

    private static List<IndexEntry> entries(Random random, int n) {
        List<IndexEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new IndexEntry("m" + i, "MP/D" + (i % 3), unit(random), 10 + i));
        }
        return out;
    }

    private static float[] unit(Random random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalized(v);
    }
}
