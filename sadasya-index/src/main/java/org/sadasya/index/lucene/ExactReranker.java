package org.sadasya.index.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.sadasya.index.Neighbour;
import org.sadasya.index.TopK;
import org.sadasya.index.Vectors;

/**
 * The second step of a search: the exact cosine of the query with each candidate's full vector,
 * then the best k, so that every reported similarity is exact whatever the graph's quantisation or
 * projection. With a pool of readers the candidates are read in chunks concurrently (on disk, each
 * read may be a page fault).
 */
final class ExactReranker {

    /** Fewest candidates re-ranked per task, so a cached read is not swamped by task hand-offs. */
    static final int MIN_RERANK_CHUNK = 2;

    private final ExecutorService readers;
    private final int readerCount;

    /** @param readers the reader pool, or null to read in the caller's thread; {@code readerCount} its size */
    ExactReranker(ExecutorService readers, int readerCount) {
        this.readers = readers;
        this.readerCount = readerCount;
    }

    /**
     * Candidates per re-ranking task: spread over all readers plus the caller, so that a short list
     * (a low rerank depth) still has as many disk reads in flight as there are readers, but never
     * fewer than {@link #MIN_RERANK_CHUNK}.
     */
    static int rerankChunk(int candidates, int readers) {
        int lanes = Math.max(1, readers) + 1;
        return Math.max(MIN_RERANK_CHUNK, (candidates + lanes - 1) / lanes);
    }

    /**
     * The best k of {@code hits} by q · the vector in {@code field}. Each chunk uses its own
     * {@link FloatVectorValues} (they are not thread-safe); the caller reads the first chunk itself.
     */
    List<Neighbour> rerank(IndexSearcher searcher, String field, float[] q, ScoreDoc[] hits, int k) throws IOException {
        int[] docs = new int[hits.length];
        for (int i = 0; i < hits.length; i++) {
            docs[i] = hits[i].doc;
        }
        Arrays.sort(docs);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        float[] exact = new float[docs.length];
        int chunk = rerankChunk(docs.length, readerCount);
        if (readers == null || docs.length <= chunk) {
            scoreExactly(leaves, field, q, docs, 0, docs.length, exact);
        } else {
            List<Future<?>> tasks = new ArrayList<>();
            for (int from = chunk; from < docs.length; from += chunk) {
                int f = from;
                int t = Math.min(docs.length, from + chunk);
                tasks.add(readers.submit(() -> {
                    scoreExactly(leaves, field, q, docs, f, t, exact);
                    return null;
                }));
            }
            scoreExactly(leaves, field, q, docs, 0, chunk, exact);
            for (Future<?> task : tasks) {
                try {
                    task.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    tasks.forEach(c -> c.cancel(true));
                    throw new IllegalStateException("search interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException("re-ranking failed", e.getCause());
                }
            }
        }
        TopK top = new TopK(k);
        for (int j = 0; j < docs.length; j++) {
            top.offer(j, exact[j]);
        }
        StoredFields stored = searcher.storedFields();
        List<Neighbour> out = new ArrayList<>(Math.min(k, docs.length));
        for (long j : top.bestFirst()) {
            Document d = stored.document(docs[(int) j], FaceDocuments.RESULT_FIELDS);
            out.add(new Neighbour(d.get(FaceDocuments.FIELD_ID), d.get(FaceDocuments.FIELD_SCOPE), exact[(int) j]));
        }
        return out;
    }

    /** exact[i] = q · vector(docs[i]) of {@code field} for from ≤ i < to; docs sorted ascending. */
    static void scoreExactly(List<LeafReaderContext> leaves, String field, float[] q, int[] docs, int from, int to,
            float[] exact) throws IOException {
        int i = from;
        while (i < to) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
            FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
            int end = leaf.docBase + leaf.reader().maxDoc();
            for (; i < to && docs[i] < end; i++) {
                int local = docs[i] - leaf.docBase;
                if (values.docID() < local) {
                    values.advance(local);
                }
                if (values.docID() != local) {
                    throw new IllegalStateException("document " + docs[i] + " has no vector");
                }
                exact[i] = Vectors.dot(q, values.vectorValue());
            }
        }
    }
}
