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
 * <p>With {@link HnswOptions#projectedDimensions()} set, a {@link #rebuild} learns a
 * {@link GraphProjection} from the gallery and the graph holds the projected vectors instead (field
 * {@code pvec}, Euclidean), while the full vectors are kept flat without a graph (field
 * {@code full}, {@link FullVectorsFormat}) for the re-ranking. The projection is stored in its own
 * checksummed file, named in the commit's user data, so a crash never pairs a graph with another
 * projection.
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
    /** Projected index: the graph field (the projected vector, Euclidean). */
    static final String FIELD_PROJECTED = "pvec";
    /** Projected index: the full vector, stored flat for the re-ranking. */
    static final String FIELD_FULL = "full";
    static final String COMMIT_PROJECTION = "sadasya.projection";
    static final String PROJECTION_FILE_PREFIX = "sadasya-projection-";
    /** Seeds the projection's random rotation: a rebuild of the same gallery learns the same projection. */
    private static final long ROTATION_SEED = 0x5ADA5A;
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
    /**
     * The projection new documents get (null = graph on the full vectors) and the file it is stored
     * in. Changed only by a rebuild, under the write lock; each searcher keeps the one its reader was
     * built with ({@link ProjectedSearcher}).
     */
    private volatile GraphProjection projection;
    private volatile String projectionFile;
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
        String file = committed.get(COMMIT_PROJECTION);
        if (file != null) {
            try {
                GraphProjection p = GraphProjection.read(directory, file);
                if (p.inputDimension() != dimension) {
                    throw new IllegalStateException("the projection of the index at " + dir + " takes "
                            + p.inputDimension() + " dimensions, expected " + dimension);
                }
                this.projection = p;
                this.projectionFile = file;
            } catch (IOException | RuntimeException e) {
                w.rollback();
                directory.close();
                shutdown(mergeExecutor);
                shutdown(rerankReaders);
                shutdown(segmentSearchers);
                throw e;
            }
        }
        ExecutorService searchPool = segmentSearchers;
        this.searchers = new SearcherManager(w, true, false, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                return new ProjectedSearcher(reader, searchPool, projection);
            }
        });
    }

    /** A searcher and the projection its documents were indexed with (null = none). */
    private static final class ProjectedSearcher extends IndexSearcher {
        final GraphProjection projection;

        ProjectedSearcher(IndexReader reader, ExecutorService executor, GraphProjection projection) {
            super(reader, executor);
            this.projection = projection;
        }
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
        mutation.readLock().lock();
        try {
            ensureOpen();
            writer.updateDocument(new Term(FIELD_ID, entry.id()), document(entry, projection));
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
                writer.updateDocument(new Term(FIELD_ID, e.id()), document(e, projection));
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
            GraphProjection p = ((ProjectedSearcher) searcher).projection;
            Query knn = p == null
                    ? new KnnFloatVectorQuery(FIELD_VECTOR, q, candidates, filter)
                    : new KnnFloatVectorQuery(FIELD_PROJECTED, p.project(q), candidates, filter);
            TopDocs approx = searcher.search(knn, candidates);
            ScoreDoc[] hits = approx.scoreDocs; // best first by the quantised score
            int depth = options.rerankDepth() == 0 ? hits.length : Math.max(k, options.rerankDepth());
            if (depth < hits.length) {
                hits = Arrays.copyOf(hits, depth);
            }
            return rerank(searcher, p == null ? FIELD_VECTOR : FIELD_FULL, q, hits, k, rerankReaders);
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
    private List<Neighbour> rerank(IndexSearcher searcher, String field, float[] q, ScoreDoc[] hits, int k, ExecutorService readers)
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
            Document d = stored.document(docs[(int) j], RESULT_FIELDS);
            out.add(new Neighbour(d.get(FIELD_ID), d.get(FIELD_SCOPE), exact[(int) j]));
        }
        return out;
    }

    /** exact[i] = q · vector(docs[i]) of {@code field} for from ≤ i < to; docs sorted ascending. */
    private static void scoreExactly(List<LeafReaderContext> leaves, String field, float[] q, int[] docs, int from, int to, float[] exact)
            throws IOException {
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
            deleteStaleProjections();
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
            Iterator<IndexEntry> rest = entries;
            List<IndexEntry> head = new ArrayList<>();
            if (options.projectedDimensions() > 0) {
                while (head.size() < options.projectionTraining() && rest.hasNext()) {
                    head.add(checkedDimension(rest.next()));
                }
            }
            useProjection(learnProjection(head));
            entries = concat(head.iterator(), rest);
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
                        writer.updateDocument(new Term(FIELD_ID, e.id()), document(e, projection));
                    }
                }));
            }
            try {
                while (entries.hasNext()) {
                    IndexEntry e = checkedDimension(entries.next());
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

    private IndexEntry checkedDimension(IndexEntry e) {
        if (e.vector().length != dimension) {
            throw new IllegalArgumentException("entry " + e.id() + " has " + e.vector().length
                    + " dimensions, the index has " + dimension);
        }
        return e;
    }

    /**
     * The projection a rebuild starting with {@code head} uses: learned from it when a projection is
     * asked for and there are at least {@link HnswOptions#MIN_TRAINING_PER_DIMENSION} vectors per
     * projected dimension; otherwise none (the graph is built on the full vectors).
     */
    private GraphProjection learnProjection(List<IndexEntry> head) {
        int dims = options.projectedDimensions();
        if (dims == 0 || dims >= dimension || head.size() < HnswOptions.MIN_TRAINING_PER_DIMENSION * dims) {
            return null;
        }
        List<float[]> training = new ArrayList<>(head.size());
        for (IndexEntry e : head) {
            training.add(Vectors.normalized(e.vector()));
        }
        return GraphProjection.learn(training, dims, ROTATION_SEED);
    }

    /** Makes {@code p} the projection of new documents, stored in a new file that the next commit names. */
    private void useProjection(GraphProjection p) throws IOException {
        if (p == null) {
            projection = null;
            projectionFile = null;
            return;
        }
        Set<String> existing = Set.of(directory.listAll());
        long n = System.currentTimeMillis();
        String name;
        do {
            name = PROJECTION_FILE_PREFIX + Long.toString(n++, 36);
        } while (existing.contains(name));
        p.write(directory, name);
        projection = p;
        projectionFile = name;
    }

    /** Deletes projection files the last commit does not name (left by earlier rebuilds). */
    private void deleteStaleProjections() throws IOException {
        for (String file : directory.listAll()) {
            if (file.startsWith(PROJECTION_FILE_PREFIX) && !file.equals(projectionFile)) {
                directory.deleteFile(file);
            }
        }
    }

    private static <T> Iterator<T> concat(Iterator<T> first, Iterator<T> second) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return first.hasNext() || second.hasNext();
            }

            @Override
            public T next() {
                return first.hasNext() ? first.next() : second.next();
            }
        };
    }

    /** The learned projection the graph is built on, if this index has one (README, "A projected graph"). */
    public java.util.Optional<GraphProjection> projection() {
        return java.util.Optional.ofNullable(projection);
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
        Map<String, String> data = new HashMap<>();
        data.put(COMMIT_HIGH_WATER_MARK, Long.toString(highWaterMark.get()));
        data.put(COMMIT_DIMENSION, Integer.toString(dimension));
        if (projectionFile != null) {
            data.put(COMMIT_PROJECTION, projectionFile);
        }
        writer.setLiveCommitData(data.entrySet());
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

    private static Document document(IndexEntry e, GraphProjection projection) {
        Document doc = new Document();
        doc.add(new StringField(FIELD_ID, e.id(), Field.Store.YES));
        doc.add(new StoredField(FIELD_SCOPE, e.scope()));
        for (String level : ScopePath.selfAndAncestors(e.scope())) {
            doc.add(new StringField(FIELD_SCOPE_LEVEL, level, Field.Store.NO));
        }
        doc.add(new StoredField(FIELD_SEQUENCE, e.sequence()));
        float[] unit = Vectors.normalized(e.vector());
        if (projection == null) {
            doc.add(new KnnFloatVectorField(FIELD_VECTOR, unit, VectorSimilarityFunction.DOT_PRODUCT));
        } else {
            // centred, projected coordinates: their Euclidean distance approximates ‖x − q‖² = 2 − 2·cos
            doc.add(new KnnFloatVectorField(FIELD_PROJECTED, projection.project(unit), VectorSimilarityFunction.EUCLIDEAN));
            doc.add(new KnnFloatVectorField(FIELD_FULL, unit, VectorSimilarityFunction.DOT_PRODUCT));
        }
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

    private static Codec codec(KnnVectorsFormat graph) {
        KnnVectorsFormat full = new FullVectorsFormat();
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return FIELD_FULL.equals(field) ? full : graph;
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
