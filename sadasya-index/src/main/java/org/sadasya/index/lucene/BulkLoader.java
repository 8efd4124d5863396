package org.sadasya.index.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.sadasya.index.FaceIndex;
import org.sadasya.index.IndexEntry;

/**
 * Loads many entries into the writer fast: {@link HnswOptions#indexingThreads()} threads with
 * merging off (each flushed segment builds its own graph), then a merge to
 * {@link HnswOptions#segments()} segments (default one), which reuses the largest graph and inserts
 * the rest with {@link HnswOptions#mergeWorkers()} threads. One segment keeps searches to one graph;
 * more are for searching them concurrently ({@link HnswOptions#searchThreads()}).
 */
final class BulkLoader {

    private final IndexWriter writer;
    private final HnswOptions options;
    private final int dimension;

    BulkLoader(IndexWriter writer, HnswOptions options, int dimension) {
        this.writer = writer;
        this.options = options;
        this.dimension = dimension;
    }

    /** Adds (upserts) every entry with {@code projection} (null = none); answers the highest sequence seen. */
    long load(Iterator<IndexEntry> entries, GraphProjection projection) throws IOException, InterruptedException {
        writer.getConfig().setMergePolicy(NoMergePolicy.INSTANCE);
        // bulk segments are large: packing each into a compound file would copy gigabytes for nothing
        writer.getConfig().setUseCompoundFile(false);
        int threads = options.indexingThreads();
        BlockingQueue<IndexEntry> queue = new ArrayBlockingQueue<>(1024);
        IndexEntry poison = new IndexEntry("\u0000end", "END", new float[] {1f});
        ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("sadasya-hnsw-index"));
        long mark = FaceIndex.NO_SEQUENCE;
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (true) {
                        IndexEntry e = queue.take();
                        if (e == poison) {
                            return null;
                        }
                        writer.updateDocument(new Term(FaceDocuments.FIELD_ID, e.id()), FaceDocuments.of(e, projection));
                    }
                }));
            }
            try {
                while (entries.hasNext()) {
                    IndexEntry e = checked(entries.next());
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

    IndexEntry checked(IndexEntry e) {
        if (e.vector().length != dimension) {
            throw new IllegalArgumentException("entry " + e.id() + " has " + e.vector().length
                    + " dimensions, the index has " + dimension);
        }
        return e;
    }

    static <T> Iterator<T> concat(Iterator<T> first, Iterator<T> second) {
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
}
