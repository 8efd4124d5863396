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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
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
 * <p>This class is the facade: its parts are {@link FaceDocuments} (fields and documents),
 * {@link IndexCodecs} (the vector formats), {@link ExactReranker} (the exact second step of a
 * search), {@link BulkLoader} (rebuilds and bulk adds) and {@link ProjectionStore} (the projection's
 * file and its commit).
 *
 * <p>Each change is made visible before its method returns (a near-real-time reopen), so an
 * enrolment always sees the one just before it. The high-water mark is stored in the commit's user
 * data.
 */
public final class LuceneHnswFaceIndex implements FaceIndex {

    static final String COMMIT_HIGH_WATER_MARK = "sadasya.highWaterMark";
    static final String COMMIT_DIMENSION = "sadasya.dimension";

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
    private final ProjectionStore projections;
    private final ExactReranker reranker;
    private final BulkLoader loader;
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
                ? Executors.newFixedThreadPool(options.mergeWorkers(), DaemonThreads.named("sadasya-hnsw-merge"))
                : null;
        this.rerankReaders = options.rerankReaders() > 1
                ? Executors.newFixedThreadPool(options.rerankReaders(), DaemonThreads.named("sadasya-hnsw-rerank"))
                : null;
        this.segmentSearchers = options.searchThreads() > 1
                ? Executors.newFixedThreadPool(options.searchThreads(), DaemonThreads.named("sadasya-hnsw-search"))
                : null;
        this.directory = FSDirectory.open(dir);
        IndexWriterConfig config = new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(IndexCodecs.of(options, mergeExecutor))
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
        this.projections = new ProjectionStore(directory, dimension);
        try {
            projections.open(committed.get(ProjectionStore.COMMIT_PROJECTION));
        } catch (IOException | RuntimeException e) {
            w.rollback();
            directory.close();
            shutdown(mergeExecutor);
            shutdown(rerankReaders);
            shutdown(segmentSearchers);
            throw e;
        }
        this.reranker = new ExactReranker(rerankReaders, options.rerankReaders());
        this.loader = new BulkLoader(w, options, dimension);
        ExecutorService searchPool = segmentSearchers;
        this.searchers = new SearcherManager(w, true, false, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                return new ProjectedSearcher(reader, searchPool, projections.current());
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
            writer.updateDocument(new Term(FaceDocuments.FIELD_ID, entry.id()), FaceDocuments.of(entry, projections.current()));
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
                writer.updateDocument(new Term(FaceDocuments.FIELD_ID, e.id()), FaceDocuments.of(e, projections.current()));
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
            writer.deleteDocuments(new Term(FaceDocuments.FIELD_ID, id));
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
            Query filter = scope.scopePath().map(p -> (Query) new TermQuery(new Term(FaceDocuments.FIELD_SCOPE_LEVEL, p))).orElse(null);
            int candidates = Math.max(k, options.candidates());
            GraphProjection p = ((ProjectedSearcher) searcher).projection;
            Query knn = p == null
                    ? new KnnFloatVectorQuery(FaceDocuments.FIELD_VECTOR, q, candidates, filter)
                    : new KnnFloatVectorQuery(FaceDocuments.FIELD_PROJECTED, p.project(q), candidates, filter);
            TopDocs approx = searcher.search(knn, candidates);
            ScoreDoc[] hits = approx.scoreDocs; // best first by the quantised score
            int depth = options.rerankDepth() == 0 ? hits.length : Math.max(k, options.rerankDepth());
            if (depth < hits.length) {
                hits = Arrays.copyOf(hits, depth);
            }
            return reranker.rerank(searcher, FaceDocuments.fullVectorField(p), q, hits, k);
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


    @Override
    public boolean contains(String id) {
        return withSearcher(s -> s.count(new TermQuery(new Term(FaceDocuments.FIELD_ID, id))) > 0);
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
            projections.deleteStale();
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
     * Empties the writer and learns a projection from the first entries (when {@code replace}), then
     * hands everything to the {@link BulkLoader}; answers the highest sequence seen.
     */
    private long bulkLoad(Iterator<IndexEntry> entries, boolean replace) throws IOException, InterruptedException {
        if (replace) {
            writer.deleteAll();
            List<IndexEntry> head = new ArrayList<>();
            if (options.projectedDimensions() > 0) {
                while (head.size() < options.projectionTraining() && entries.hasNext()) {
                    head.add(loader.checked(entries.next()));
                }
            }
            projections.use(ProjectionStore.learn(head, options, dimension));
            entries = BulkLoader.concat(head.iterator(), entries);
        }
        return loader.load(entries, projections.current());
    }

    /** The learned projection the graph is built on, if this index has one (README, "A projected graph"). */
    public java.util.Optional<GraphProjection> projection() {
        return java.util.Optional.ofNullable(projections.current());
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
        if (projections.file() != null) {
            data.put(ProjectionStore.COMMIT_PROJECTION, projections.file());
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

    private static void shutdown(ExecutorService e) {
        if (e != null) {
            e.shutdownNow();
        }
    }
}
