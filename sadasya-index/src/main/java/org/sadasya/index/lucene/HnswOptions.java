package org.sadasya.index.lucene;

/**
 * Tuning of the Lucene HNSW index.
 *
 * @param quantization how the graph-search copy of the vectors is stored
 * @param maxConn HNSW "M": neighbours a node keeps per layer (the bottom layer keeps 2·M)
 * @param beamWidth HNSW "efConstruction": candidates considered while inserting a node
 * @param candidates how many neighbours the graph search returns ("efSearch") before the exact
 *     re-ranking on full vectors picks the best k; at least k is used
 * @param indexingThreads threads that insert vectors during {@link LuceneHnswFaceIndex#rebuild}
 * @param mergeWorkers threads that build the merged graph when segments merge
 * @param ramBufferMb indexing buffer before a segment is flushed
 * @param rerankReaders threads that read the candidates' full vectors for the exact re-ranking.
 *     When the gallery is larger than RAM those reads are page faults on the disk; issuing them
 *     from several threads lets the disk serve them together (1 = read them one after another)
 * @param rerankDepth how many of the candidates, best first by their quantised score, are re-ranked
 *     on the full vectors (0 = all of them). Fewer means fewer reads of full vectors — what costs
 *     when they are not in RAM — at some loss of recall (README, "1 M, 2 M and 10 M")
 * @param segments how many Lucene segments a {@link LuceneHnswFaceIndex#rebuild} or bulk add leaves
 *     (each has its own graph; 1 = one graph over everything)
 * @param searchThreads threads that search the segments of one query concurrently (1 = one after
 *     another). With several segments and idle cores this trades CPU for latency: each graph is
 *     smaller, and their candidates are merged
 * @param projectedDimensions 0 = the graph is built on the full vectors; k > 0 = a
 *     {@link LuceneHnswFaceIndex#rebuild} learns a {@link GraphProjection} to k dimensions from the
 *     gallery and builds the graph on the projected vectors, while the full vectors are kept flat
 *     for the exact re-ranking. Shorter vectors make each graph hop cheaper (README, "A projected
 *     graph")
 * @param projectionTraining how many gallery vectors (the first ones a rebuild reads) the projection
 *     is learned from; a rebuild with fewer than {@link #MIN_TRAINING_PER_DIMENSION}·k builds a
 *     graph on the full vectors instead
 */
public record HnswOptions(
        VectorQuantization quantization,
        int maxConn,
        int beamWidth,
        int candidates,
        int indexingThreads,
        int mergeWorkers,
        double ramBufferMb,
        int rerankReaders,
        int rerankDepth,
        int segments,
        int searchThreads,
        int projectedDimensions,
        int projectionTraining) {

    /** A projection to k dimensions is only learned from at least this many vectors per dimension. */
    public static final int MIN_TRAINING_PER_DIMENSION = 4;

    public HnswOptions {
        if (quantization == null) {
            throw new IllegalArgumentException("quantization is null");
        }
        if (maxConn < 2 || maxConn > 512) {
            throw new IllegalArgumentException("maxConn out of range 2..512: " + maxConn);
        }
        if (beamWidth < 1 || beamWidth > 3200) {
            throw new IllegalArgumentException("beamWidth out of range 1..3200: " + beamWidth);
        }
        if (candidates < 1 || indexingThreads < 1 || mergeWorkers < 1 || !(ramBufferMb > 0) || rerankReaders < 1 || rerankDepth < 0
                || segments < 1 || searchThreads < 1) {
            throw new IllegalArgumentException("candidates, threads, workers, ramBufferMb, rerankReaders, segments and searchThreads must be positive");
        }
        if (projectedDimensions < 0 || projectedDimensions == 1 || projectedDimensions > 1024) {
            throw new IllegalArgumentException("projectedDimensions must be 0 (off) or 2..1024: " + projectedDimensions);
        }
        if (projectionTraining < 1) {
            throw new IllegalArgumentException("projectionTraining must be positive: " + projectionTraining);
        }
    }

    /** The graph's M by default: with 192-d MobileFaceNet-like faces M 32 gave recall@10 0.996 at 1e5, M 16 0.961. */
    public static final int DEFAULT_M = 32;
    /** efConstruction by default. */
    public static final int DEFAULT_EF_CONSTRUCTION = 100;
    /** Graph candidates re-ranked exactly by default (with M 32; 200 with M 16 gave 0.995 on 1024-d faces, 100 gave 0.979). */
    public static final int DEFAULT_CANDIDATES = 250;

    /**
     * The defaults, which are the service's (docs/index-measurements.md): int8, {@link #DEFAULT_M},
     * {@link #DEFAULT_EF_CONSTRUCTION}, {@link #DEFAULT_CANDIDATES}, all processors for indexing and
     * merging, 512 MB buffer, 32 re-ranking readers, every candidate re-ranked, one segment, no
     * projection (10 000 training vectors when one is asked for). The service's settings
     * ({@code sadasya.face-index-*}) and the lab's {@code bench index} options start from these.
     */
    public static HnswOptions defaults() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return new HnswOptions(VectorQuantization.INT8, DEFAULT_M, DEFAULT_EF_CONSTRUCTION, DEFAULT_CANDIDATES, cpus, cpus, 512, 32, 0, 1, 1,
                0, 10_000);
    }

    public HnswOptions withQuantization(VectorQuantization q) {
        return new HnswOptions(q, maxConn, beamWidth, candidates, indexingThreads, mergeWorkers, ramBufferMb, rerankReaders, rerankDepth, segments, searchThreads, projectedDimensions, projectionTraining);
    }

    public HnswOptions withCandidates(int c) {
        return new HnswOptions(quantization, maxConn, beamWidth, c, indexingThreads, mergeWorkers, ramBufferMb, rerankReaders, rerankDepth, segments, searchThreads, projectedDimensions, projectionTraining);
    }

    public HnswOptions withGraph(int m, int efConstruction) {
        return new HnswOptions(quantization, m, efConstruction, candidates, indexingThreads, mergeWorkers, ramBufferMb, rerankReaders, rerankDepth, segments, searchThreads, projectedDimensions, projectionTraining);
    }

    public HnswOptions withRamBufferMb(double mb) {
        return new HnswOptions(quantization, maxConn, beamWidth, candidates, indexingThreads, mergeWorkers, mb, rerankReaders, rerankDepth, segments, searchThreads, projectedDimensions, projectionTraining);
    }

    public HnswOptions withRerankReaders(int readers) {
        return new HnswOptions(quantization, maxConn, beamWidth, candidates, indexingThreads, mergeWorkers, ramBufferMb, readers, rerankDepth, segments, searchThreads, projectedDimensions, projectionTraining);
    }

    public HnswOptions withRerankDepth(int depth) {
        return new HnswOptions(quantization, maxConn, beamWidth, candidates, indexingThreads, mergeWorkers, ramBufferMb, rerankReaders, depth, segments, searchThreads, projectedDimensions, projectionTraining);
    }

    public HnswOptions withSegments(int n) {
        return new HnswOptions(quantization, maxConn, beamWidth, candidates, indexingThreads, mergeWorkers, ramBufferMb, rerankReaders, rerankDepth, n, searchThreads, projectedDimensions, projectionTraining);
    }

    public HnswOptions withSearchThreads(int threads) {
        return new HnswOptions(quantization, maxConn, beamWidth, candidates, indexingThreads, mergeWorkers, ramBufferMb, rerankReaders, rerankDepth, segments, threads, projectedDimensions, projectionTraining);
    }

    /** A graph on a learned projection to {@code dims} dimensions (0 = off), learned from {@code training} vectors. */
    public HnswOptions withProjection(int dims, int training) {
        return new HnswOptions(quantization, maxConn, beamWidth, candidates, indexingThreads, mergeWorkers, ramBufferMb, rerankReaders, rerankDepth, segments, searchThreads, dims, training);
    }
}
