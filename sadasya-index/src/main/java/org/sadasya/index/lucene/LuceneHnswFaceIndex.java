package org.sadasya.index.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.sadasya.index.FaceIndex;
import org.sadasya.index.IndexEntry;
import org.sadasya.index.Neighbour;
import org.sadasya.index.ScopeFilter;
import org.sadasya.index.ScopePath;
import org.sadasya.index.TopK;
import org.sadasya.index.Vectors;

/**
 * A {@link FaceIndex} on Lucene's HNSW graph, embedded and on disk (memory-mapped). Vectors are
 * normalised and indexed for dot product (= cosine); the graph is searched on the scalar-quantised
 * copy ({@link VectorQuantization}), then the best {@link HnswOptions#candidates()} hits are
 * re-ranked exactly with the full float vectors, so every reported similarity is exact.
 *
 * <p>Scopes are indexed as one term per level ({@code MP}, {@code MP/BHOPAL}, …), so a scope filter
 * is a single term query that Lucene applies inside the graph search (and switches to an exact scan
 * when the filter is small).
 *
 * <p>Each change is made visible before its method returns (a near-real-time reopen), so an
 * enrolment always sees the one just before it. The high-water mark is stored in the commit's user
 * data.
 */
public final class LuceneHnswFaceIndex implements FaceIndex {

    static final String FIELD_ID = "id";
    static final String FIELD_SCOPE = "scope";
    static final String FIELD_SCOPE_LEVEL = "scope_level";
    static final String FIELD_SEQUENCE = "seq";
    static final String FIELD_VECTOR = "vec";
    static final String COMMIT_HIGH_WATER_MARK = "sadasya.highWaterMark";
    static final String COMMIT_DIMENSION = "sadasya.dimension";
    private static final Set<String> RESULT_FIELDS = Set.of(FIELD_ID, FIELD_SCOPE);

    private final int dimension;
    private final HnswOptions options;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ExecutorService mergeExecutor;
    /** Reads candidates' full vectors in parallel for the re-ranking; null = in the caller's thread. */
    private final ExecutorService rerankReaders;
    /** Searches the segments of one query concurrently; null = the calling thread does it. */
    private final ExecutorService segmentSearchers;
    private final AtomicLong highWaterMark = new AtomicLong(NO_SEQUENCE);
    /** Adds and removes share it; a rebuild takes it alone. */
    private final ReentrantReadWriteLock mutation = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private LuceneHnswFaceIndex(Path dir, int dimension, HnswOptions options) throws IOException {
        if (dimension <= 0 || dimension > 1024) {
            throw new IllegalArgumentException("dimension must be 1..1024 (Lucene's HNSW limit): " + dimension);
        }
        this.dimension = dimension;
        this.options = options;
        this.mergeExecutor = options.mergeWorkers() > 1
                ? Executors.newFixedThreadPool(options.mergeWorkers(), daemon("sadasya-hnsw-merge"))
                : null;
        this.rerankReaders = options.rerankReaders() > 1
                ? Executors.newFixedThreadPool(options.rerankReaders(), daemon("sadasya-hnsw-rerank"))
                : null;
        this.segmentSearchers = options.searchThreads() > 1
                ? Executors.newFixedThreadPool(options.searchThreads(), daemon("sadasya-hnsw-search"))
                : null;
        this.directory = FSDirectory.open(dir);
        IndexWriterConfig config = new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(codec(vectorsFormat(options, mergeExecutor)))
                .setRAMBufferSizeMB(options.ramBufferMb())
                .setMergePolicy(new TieredMergePolicy())
                .setCommitOnClose(true)
                // an NRT reopen after each add must not wait for merges of the tiny segments (Lucene default 500 ms)
                .setMaxFullFlushMergeWaitMillis(0);
        IndexWriter w;
        try {
            w = new IndexWriter(directory, config);
        } catch (IOException | RuntimeException e) {
            directory.close();
            shutdown(mergeExecutor);
            shutdown(rerankReaders);
            shutdown(segmentSearchers);
            throw e;
        }
        this.writer = w;
        Map<String, String> committed = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = w.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> committed.put(e.getKey(), e.getValue()));
        }
        String storedDim = committed.get(COMMIT_DIMENSION);
        if (storedDim != null && Integer.parseInt(storedDim) != dimension) {
            w.rollback();
            directory.close();
            shutdown(mergeExecutor);
            shutdown(rerankReaders);
            shutdown(segmentSearchers);
            throw new IllegalStateException("index at " + dir + " has dimension " + storedDim + ", expected " + dimension);
        }
        highWaterMark.set(Long.parseLong(committed.getOrDefault(COMMIT_HIGH_WATER_MARK, Long.toString(NO_SEQUENCE))));
        ExecutorService searchPool = segmentSearchers;
        this.searchers = new SearcherManager(w, true, false, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                return new IndexSearcher(reader, searchPool);
            }
        });
    }

    /** Opens (or creates) the index in {@code dir}. */
    public static LuceneHnswFaceIndex open(Path dir, int dimension, HnswOptions options) {
        try {
            return new LuceneHnswFaceIndex(dir, dimension, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the face index at " + dir, e);
        }
    }

    public HnswOptions options() {
        return options;
    }

    @Override
    public void add(IndexEntry entry) {
        Vectors.checkDimension(entry.vector(), dimension);
        Document doc = document(entry);
        mutation.readLock().lock();
        try {
            ensureOpen();
            writer.updateDocument(new Term(FIELD_ID, entry.id()), doc);
            advance(entry.sequence());
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add " + entry.id(), e);
        } finally {
            mutation.readLock().unlock();
        }
    }

    /** One near-real-time reopen for the whole batch. */
    @Override
    public void addAll(java.util.Collection<IndexEntry> entries) {
        for (IndexEntry e : entries) {
            Vectors.checkDimension(e.vector(), dimension);
        }
        mutation.readLock().lock();
        try {
            ensureOpen();
            for (IndexEntry e : entries) {
                writer.updateDocument(new Term(FIELD_ID, e.id()), document(e));
                advance(e.sequence());
            }
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add a batch", e);
        } finally {
            mutation.readLock().unlock();
        }
    }

    @Override
    public void remove(String id, long sequence) {
        mutation.readLock().lock();
        try {
            ensureOpen();
            writer.deleteDocuments(new Term(FIELD_ID, id));
            advance(sequence);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + id, e);
        } finally {
            mutation.readLock().unlock();
        }
    }

    @Override
    public List<Neighbour> search(float[] query, int k, ScopeFilter scope) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        Vectors.checkDimension(query, dimension);
        float[] q = Vectors.normalized(query);
        ensureOpen();
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Query filter = scope.scopePath().map(p -> (Query) new TermQuery(new Term(FIELD_SCOPE_LEVEL, p))).orElse(null);
            int candidates = Math.max(k, options.candidates());
            TopDocs approx = searcher.search(new KnnFloatVectorQuery(FIELD_VECTOR, q, candidates, filter), candidates);
            ScoreDoc[] hits = approx.scoreDocs; // best first by the quantised score
            int depth = options.rerankDepth() == 0 ? hits.length : Math.max(k, options.rerankDepth());
            if (depth < hits.length) {
                hits = Arrays.copyOf(hits, depth);
            }
            return rerank(searcher, q, hits, k, rerankReaders);
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Fewest candidates re-ranked per task, so a cached read is not swamped by task hand-offs. */
    static final int MIN_RERANK_CHUNK = 2;

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
     * Exact cosine on the full vectors for every candidate, then the best k. With a reader pool the
     * candidates are split into chunks read concurrently; each chunk uses its own
     * {@link FloatVectorValues} (they are not thread-safe), the caller reads the first chunk itself.
     */
    private List<Neighbour> rerank(IndexSearcher searcher, float[] q, ScoreDoc[] hits, int k, ExecutorService readers)
            throws IOException {
        int[] docs = new int[hits.length];
        for (int i = 0; i < hits.length; i++) {
            docs[i] = hits[i].doc;
        }
        Arrays.sort(docs);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        float[] exact = new float[docs.length];
        int chunk = rerankChunk(docs.length, options.rerankReaders());
        if (readers == null || docs.length <= chunk) {
            scoreExactly(leaves, q, docs, 0, docs.length, exact);
        } else {
            List<Future<?>> tasks = new ArrayList<>();
            for (int from = chunk; from < docs.length; from += chunk) {
                int f = from;
                int t = Math.min(docs.length, from + chunk);
                tasks.add(readers.submit(() -> {
                    scoreExactly(leaves, q, docs, f, t, exact);
                    return null;
                }));
            }
            scoreExactly(leaves, q, docs, 0, chunk, exact);
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
            Document d = stored.document(docs[(int) j], RESULT_FIELDS);
            out.add(new Neighbour(d.get(FIELD_ID), d.get(FIELD_SCOPE), exact[(int) j]));
        }
        return out;
    }

    /** exact[i] = q · vector(docs[i]) for from ≤ i < to; docs sorted ascending. */
    private static void scoreExactly(List<LeafReaderContext> leaves, float[] q, int[] docs, int from, int to, float[] exact)
            throws IOException {
        int i = from;
        while (i < to) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
            FloatVectorValues values = leaf.reader().getFloatVectorValues(FIELD_VECTOR);
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

    @Override
    public boolean contains(String id) {
        return withSearcher(s -> s.count(new TermQuery(new Term(FIELD_ID, id))) > 0);
    }

    @Override
    public int size() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    /** Number of Lucene segments now searched (at most {@link HnswOptions#segments()} after a rebuild; the benchmark reports it). */
    public int segmentCount() {
        return withSearcher(s -> s.getIndexReader().leaves().size());
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public long highWaterMark() {
        return highWaterMark.get();
    }

    @Override
    public void commit() {
        mutation.readLock().lock();
        try {
            ensureOpen();
            commitNow();
        } finally {
            mutation.readLock().unlock();
        }
    }

    @Override
    public void rebuild(Iterator<IndexEntry> entries) {
        load(entries, true, "rebuild");
    }

    /**
     * Adds many entries the way {@link #rebuild} loads them (several threads, then one merged
     * segment) without emptying the index first: for growing a large index in one go, where one
     * {@link #addAll} would let small segments merge again and again. Adds are upserts; the
     * high-water mark becomes the highest sequence seen; commits at the end.
     */
    public void bulkAdd(Iterator<IndexEntry> entries) {
        load(entries, false, "bulk add");
    }

    /** {@link #bulkLoad} under the write lock, then the high-water mark, a commit and a reopen. */
    private void load(Iterator<IndexEntry> entries, boolean replace, String what) {
        mutation.writeLock().lock();
        try {
            ensureOpen();
            long mark = bulkLoad(entries, replace);
            if (replace) {
                highWaterMark.set(mark);
            } else {
                advance(mark);
            }
            commitNow();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } finally {
            mutation.writeLock().unlock();
        }
    }

    /**
     * Empties the writer (when {@code replace}), feeds the entries to {@link HnswOptions#indexingThreads()} threads with
     * merging off (each flushed segment builds its own graph), then merges to
     * {@link HnswOptions#segments()} segments (default one), which reuses the largest graph and
     * inserts the rest with {@link HnswOptions#mergeWorkers()} threads. One segment keeps searches
     * to one graph; more are for searching them concurrently ({@link HnswOptions#searchThreads()}).
     */
    private long bulkLoad(Iterator<IndexEntry> entries, boolean replace) throws IOException, InterruptedException {
        if (replace) {
            writer.deleteAll();
        }
        writer.getConfig().setMergePolicy(NoMergePolicy.INSTANCE);
        // bulk segments are large: packing each into a compound file would copy gigabytes for nothing
        writer.getConfig().setUseCompoundFile(false);
        int threads = options.indexingThreads();
        BlockingQueue<IndexEntry> queue = new ArrayBlockingQueue<>(1024);
        IndexEntry poison = new IndexEntry("\u0000end", "END", new float[] {1f});
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("sadasya-hnsw-index"));
        long mark = NO_SEQUENCE;
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (true) {
                        IndexEntry e = queue.take();
                        if (e == poison) {
                            return null;
                        }
                        writer.updateDocument(new Term(FIELD_ID, e.id()), document(e));
                    }
                }));
            }
            try {
                while (entries.hasNext()) {
                    IndexEntry e = entries.next();
                    if (e.vector().length != dimension) {
                        throw new IllegalArgumentException("entry " + e.id() + " has " + e.vector().length
                                + " dimensions, the index has " + dimension);
                    }
                    mark = Math.max(mark, e.sequence());
                    while (!queue.offer(e, 1, TimeUnit.SECONDS)) {
                        checkWorkers(workers);
                    }
                }
            } finally {
                for (int t = 0; t < threads; t++) {
                    while (!queue.offer(poison, 1, TimeUnit.SECONDS)) {
                        checkWorkers(workers);
                    }
                }
            }
            for (Future<?> f : workers) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
            writer.getConfig().setMergePolicy(new TieredMergePolicy());
        }
        try {
            writer.forceMerge(options.segments());
        } finally {
            writer.getConfig().setUseCompoundFile(true);
        }
        return mark;
    }

    private static void checkWorkers(List<Future<?>> workers) throws IOException, InterruptedException {
        for (Future<?> f : workers) {
            if (f.isDone()) {
                await(f);
                throw new IllegalStateException("an indexing thread stopped early");
            }
        }
    }

    private static void await(Future<?> f) throws IOException, InterruptedException {
        try {
            f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        mutation.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                setCommitData();
                searchers.close();
                writer.close();
            } finally {
                directory.close();
                shutdown(mergeExecutor);
                shutdown(rerankReaders);
                shutdown(segmentSearchers);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the face index", e);
        } finally {
            mutation.writeLock().unlock();
        }
    }

    private void commitNow() {
        try {
            setCommitData();
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("commit failed", e);
        }
    }

    private void setCommitData() {
        writer.setLiveCommitData(Map.of(
                        COMMIT_HIGH_WATER_MARK, Long.toString(highWaterMark.get()),
                        COMMIT_DIMENSION, Integer.toString(dimension))
                .entrySet());
    }

    private void advance(long sequence) {
        highWaterMark.accumulateAndGet(sequence, Math::max);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("index is closed");
        }
    }

    private interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherFunction<T> f) {
        ensureOpen();
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return f.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(IndexEntry e) {
        Document doc = new Document();
        doc.add(new StringField(FIELD_ID, e.id(), Field.Store.YES));
        doc.add(new StoredField(FIELD_SCOPE, e.scope()));
        for (String level : ScopePath.selfAndAncestors(e.scope())) {
            doc.add(new StringField(FIELD_SCOPE_LEVEL, level, Field.Store.NO));
        }
        doc.add(new StoredField(FIELD_SEQUENCE, e.sequence()));
        doc.add(new KnnFloatVectorField(FIELD_VECTOR, Vectors.normalized(e.vector()), VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    static KnnVectorsFormat vectorsFormat(HnswOptions o, ExecutorService mergeExecutor) {
        int workers = mergeExecutor == null ? 1 : o.mergeWorkers();
        return switch (o.quantization()) {
            case FLOAT32 -> new Lucene99HnswVectorsFormat(o.maxConn(), o.beamWidth(), workers, mergeExecutor);
            // int8: Lucene's default confidence interval for 7 bits (1 − 1/(dim+1)).
            case INT8 -> new Lucene99HnswScalarQuantizedVectorsFormat(
                    o.maxConn(), o.beamWidth(), workers, 7, false, null, mergeExecutor);
            // int4: packed two per byte; confidence interval 0 = Lucene's dynamic per-segment optimisation,
            // which its documentation recommends for 4 bits.
            case INT4 -> new Lucene99HnswScalarQuantizedVectorsFormat(
                    o.maxConn(), o.beamWidth(), workers, 4, true, 0f, mergeExecutor);
        };
    }

    private static Codec codec(KnnVectorsFormat format) {
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void shutdown(ExecutorService e) {
        if (e != null) {
            e.shutdownNow();
        }
    }
}
