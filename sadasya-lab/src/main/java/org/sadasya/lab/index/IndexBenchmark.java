package org.sadasya.lab.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.sadasya.index.IndexEntry;
import org.sadasya.index.Neighbour;
import org.sadasya.index.ScopeFilter;
import org.sadasya.index.TopK;
import org.sadasya.index.Vectors;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.index.lucene.LuceneHnswFaceIndex;
import org.sadasya.index.lucene.VectorQuantization;

/**
 * {@code ./lab bench index}: builds a Lucene HNSW {@link LuceneHnswFaceIndex} over N generated
 * faceres-like vectors ({@link SyntheticFaces}), times single-threaded k=10 searches, and measures
 * recall against an exact scan of the same vectors for queries that are not in the gallery: half
 * noisy re-captures of gallery members, half unrelated people.
 *
 * <p>Phases, in order: build (timed: {@code buildSeconds}, vectors generated on the fly); garbage
 * collection and a reset of the peak-RSS counter; warm-up and timed searches ({@code rssMiB} is the
 * peak resident size of this phase, index pages included); then the exact ground truth, regenerating
 * the gallery block by block so it never has to be held (its per-query scan time, measured as
 * thread CPU time, is {@code exactMsPerQuery}).
 */
public final class IndexBenchmark {

    /** Benchmark settings ({@code ./lab bench index --help} names them). */
    public record Options(
            int size,
            int dimension,
            int queries,
            int k,
            Path dir,
            boolean keep,
            boolean reuse,
            HnswOptions hnsw,
            long seed,
            Path shared,
            boolean grow,
            Path sample,
            int realDirections) {

        public Options(int size, int dimension, int queries, int k, Path dir, boolean keep, boolean reuse, HnswOptions hnsw, long seed, Path shared) {
            this(size, dimension, queries, k, dir, keep, reuse, hnsw, seed, shared, false, null, SyntheticFaces.REAL_DIRECTIONS);
        }

        /** The generated faces: fitted on faceres's golden sample, or on {@link #sample} (another model's). */
        SyntheticFaces generator() {
            FaceresData data = sample != null ? FaceresData.read(sample)
                    : FaceresData.load(FaceresData.locateShared(shared == null ? null : shared.toString()));
            return SyntheticFaces.fit(data, seed, realDirections);
        }
    }

    /** One result: the fields of the JSON line the command prints. */
    public record Result(Map<String, Object> fields) {
        public double recallAt10() {
            return ((Number) fields.get("recallAt10")).doubleValue();
        }

        public double recallAt1() {
            return ((Number) fields.get("recallAt1")).doubleValue();
        }
    }

    private static final long UNRELATED_BASE = 1L << 40;
    private static final long WARMUP_BASE = 1L << 41;

    private IndexBenchmark() {}

    public static Result run(Options o) {
        if (o.size() < 1 || o.queries() < 2 || o.dimension() < 2 || o.dimension() > 1024) {
            throw new IllegalArgumentException("need size ≥ 1, queries ≥ 2, dim 2..1024");
        }
        SyntheticFaces gen = o.generator();
        if (o.dimension() > gen.dimension()) {
            throw new IllegalArgumentException("dim " + o.dimension() + " is more than the fitted faces have (" + gen.dimension() + ")");
        }
        Path dir = o.dir();
        boolean temporary = dir == null;
        try {
            if (temporary) {
                dir = Files.createTempDirectory("sadasya-lab-index");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("size", o.size());
            out.put("dim", o.dimension());
            out.put("format", o.hnsw().quantization().name().toLowerCase(Locale.ROOT));
            out.put("m", o.hnsw().maxConn());
            out.put("efConstruction", o.hnsw().beamWidth());
            out.put("candidates", o.hnsw().candidates());
            out.put("ramBufferMb", o.hnsw().ramBufferMb());
            out.put("rerankReaders", o.hnsw().rerankReaders());
            out.put("rerankDepth", o.hnsw().rerankDepth());
            out.put("searchThreads", o.hnsw().searchThreads());
            out.put("projection", o.hnsw().projectedDimensions());
            out.put("queries", o.queries());

            double buildSeconds = Double.NaN;
            long buildPeak;
            LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(dir, o.dimension(), o.hnsw());
            try {
                int existing = index.size();
                if (o.reuse() && existing < o.size() && o.grow() && existing > 0) {
                    // entries 0..existing−1 are already there (the gallery is deterministic): add the rest
                    long t0 = System.nanoTime();
                    index.bulkAdd(gallery(gen, o, existing));
                    out.put("grownFrom", existing);
                    out.put("growSeconds", (System.nanoTime() - t0) / 1e9);
                } else if (!(o.reuse() && existing == o.size())) {
                    long t0 = System.nanoTime();
                    index.rebuild(gallery(gen, o, 0));
                    buildSeconds = (System.nanoTime() - t0) / 1e9;
                }
                buildPeak = ProcessMemory.peakResidentMiB();
                int segments = index.segmentCount();
                index.projection().ifPresent(p -> {
                    out.put("projectedDim", p.outputDimension());
                    out.put("projectionTraining", p.trainingSize());
                    out.put("projectionVarianceKept", p.varianceKept());
                });
                index.close();
                index = null;
                System.gc();
                System.gc();
                boolean reset = ProcessMemory.resetPeak();

                // Queries: even = re-capture (capture 1) of a gallery identity, odd = an unrelated person.
                float[][] queries = new float[o.queries()][];
                long[] mates = new long[o.queries()];
                java.util.SplittableRandom pick = new java.util.SplittableRandom(o.seed() * 31 + 7);
                for (int q = 0; q < queries.length; q++) {
                    if (q % 2 == 0) {
                        mates[q] = pick.nextInt(o.size());
                        queries[q] = Vectors.normalized(gen.projected(mates[q], 1, o.dimension()));
                    } else {
                        mates[q] = -1;
                        queries[q] = Vectors.normalized(gen.projected(UNRELATED_BASE + q, 0, o.dimension()));
                    }
                }
                index = LuceneHnswFaceIndex.open(dir, o.dimension(), o.hnsw());
                int warmups = Math.min(200, Math.max(20, o.queries() / 2));
                for (int w = 0; w < warmups; w++) {
                    index.search(gen.projected(WARMUP_BASE + w, 0, o.dimension()), o.k(), ScopeFilter.all());
                }
                double[] latencyMs = new double[queries.length];
                List<List<Neighbour>> approx = new ArrayList<>();
                for (int q = 0; q < queries.length; q++) {
                    long s = System.nanoTime();
                    approx.add(index.search(queries[q], o.k(), ScopeFilter.all()));
                    latencyMs[q] = (System.nanoTime() - s) / 1e6;
                }
                long searchPeak = ProcessMemory.peakResidentMiB();
                long anonymous = ProcessMemory.residentAnonymousMiB();
                long fileBacked = ProcessMemory.residentFileMiB();
                index.close();
                index = null;

                double[] sorted = latencyMs.clone();
                Arrays.sort(sorted);
                GroundTruth truth = groundTruth(gen, o, queries);
                Recall recall = recall(approx, truth, mates, o.k());

                out.put("buildSeconds", buildSeconds);
                out.put("recallAt1", recall.at1);
                out.put("recallAt10", recall.at10);
                out.put("p50Ms", percentile(sorted, 0.50));
                out.put("p99Ms", percentile(sorted, 0.99));
                out.put("rssMiB", searchPeak);
                out.put("rssAnonMiB", anonymous);
                out.put("rssFileMiB", fileBacked);
                out.put("recallAt10Recaptures", recall.at10Recaptures);
                out.put("recallAt10Unrelated", recall.at10Unrelated);
                out.put("mateTop1Exact", recall.mateTop1Exact);
                out.put("mateTop1Hnsw", recall.mateTop1Hnsw);
                out.put("meanMs", Arrays.stream(latencyMs).average().orElse(Double.NaN));
                out.put("exactMsPerQuery", truth.cpuMsPerQuery);
                out.put("speedupVsExact", truth.cpuMsPerQuery / percentile(sorted, 0.50));
                out.put("buildPeakRssMiB", buildPeak);
                out.put("peakResetOk", reset);
                out.put("segments", segments);
                indexFiles(dir).forEach((ext, bytes) -> out.put("files_" + ext + "_MiB", bytes / (1024.0 * 1024.0)));
                out.put("generatorPR", gen.participationRatio());
                out.put("realSamplePR", gen.realParticipationRatio());
                out.put("java", Runtime.version().toString());
                out.put("vectorization", vectorization());
                out.put("cpus", Runtime.getRuntime().availableProcessors());
                return new Result(out);
            } finally {
                if (index != null) {
                    index.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temporary && dir != null && !o.keep()) {
                deleteTree(dir);
            }
        }
    }

    /** Gallery entries from..size−1; entry i: capture 0 of identity i, scoped to one of 50 districts. */
    private static Iterator<IndexEntry> gallery(SyntheticFaces gen, Options o, int from) {
        return new Iterator<>() {
            int next = from;

            @Override
            public boolean hasNext() {
                return next < o.size();
            }

            @Override
            public IndexEntry next() {
                if (next >= o.size()) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                return new IndexEntry(Integer.toString(i), "BENCH/D" + (i % 50), gen.projected(i, 0, o.dimension()), i);
            }
        };
    }

    private record GroundTruth(long[][] ids, double cpuMsPerQuery) {}

    /** Exact top-k for every query, regenerating the gallery in blocks; timed as thread CPU time of the scans. */
    private static GroundTruth groundTruth(SyntheticFaces gen, Options o, float[][] queries) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        TopK[] tops = new TopK[queries.length];
        for (int q = 0; q < queries.length; q++) {
            tops[q] = new TopK(o.k());
        }
        AtomicLong scanNanos = new AtomicLong();
        int block = 8192;
        try {
            for (int start = 0; start < o.size(); start += block) {
                int from = start;
                int n = Math.min(block, o.size() - start);
                float[][] vectors = new float[n][];
                List<Future<?>> jobs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int tt = t;
                    jobs.add(pool.submit(() -> {
                        for (int i = tt; i < n; i += threads) {
                            vectors[i] = Vectors.normalized(gen.projected(from + i, 0, o.dimension()));
                        }
                    }));
                }
                await(jobs);
                jobs.clear();
                for (int t = 0; t < threads; t++) {
                    int tt = t;
                    jobs.add(pool.submit(() -> {
                        long c0 = mx.getCurrentThreadCpuTime();
                        for (int q = tt; q < queries.length; q += threads) {
                            TopK top = tops[q];
                            float[] query = queries[q];
                            for (int i = 0; i < n; i++) {
                                top.offer(from + i, Vectors.dot(query, vectors[i]));
                            }
                        }
                        scanNanos.addAndGet(mx.getCurrentThreadCpuTime() - c0);
                    }));
                }
                await(jobs);
            }
        } finally {
            pool.shutdownNow();
        }
        long[][] ids = new long[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            ids[q] = tops[q].bestFirst();
        }
        return new GroundTruth(ids, scanNanos.get() / 1e6 / queries.length);
    }

    private record Recall(double at1, double at10, double at10Recaptures, double at10Unrelated, double mateTop1Exact, double mateTop1Hnsw) {}

    private static Recall recall(List<List<Neighbour>> approx, GroundTruth truth, long[] mates, int k) {
        double at1 = 0, at10 = 0, rec = 0, unrel = 0, mateExact = 0, mateHnsw = 0;
        int nRec = 0, nUnrel = 0;
        for (int q = 0; q < approx.size(); q++) {
            long[] exact = truth.ids()[q];
            List<Neighbour> got = approx.get(q);
            java.util.Set<Long> want = new java.util.HashSet<>();
            for (int i = 0; i < Math.min(k, exact.length); i++) {
                want.add(exact[i]);
            }
            int hit = 0;
            for (Neighbour n : got) {
                if (want.contains(Long.parseLong(n.id()))) {
                    hit++;
                }
            }
            double r = want.isEmpty() ? 1 : hit / (double) want.size();
            at10 += r;
            if (!got.isEmpty() && exact.length > 0 && Long.parseLong(got.get(0).id()) == exact[0]) {
                at1++;
            }
            if (mates[q] >= 0) {
                rec += r;
                nRec++;
                if (exact.length > 0 && exact[0] == mates[q]) {
                    mateExact++;
                }
                if (!got.isEmpty() && Long.parseLong(got.get(0).id()) == mates[q]) {
                    mateHnsw++;
                }
            } else {
                unrel += r;
                nUnrel++;
            }
        }
        int n = approx.size();
        return new Recall(at1 / n, at10 / n, rec / Math.max(1, nRec), unrel / Math.max(1, nUnrel),
                mateExact / Math.max(1, nRec), mateHnsw / Math.max(1, nRec));
    }

    static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void await(List<Future<?>> jobs) {
        for (Future<?> f : jobs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * Bytes on disk by file extension: vec = the graph field's floats, veq = its quantised copy,
     * vex = graph; full = a projected index's full vectors (kept flat for the re-ranking).
     */
    static Map<String, Long> indexFiles(Path dir) throws IOException {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                int dot = name.lastIndexOf('.');
                String ext = dot < 0 ? "other" : name.substring(dot + 1);
                if (!java.util.Set.of("vec", "veq", "vex").contains(ext)) {
                    ext = "other";
                } else if (ext.equals("vec") && name.contains(org.sadasya.index.lucene.FullVectorsFormat.NAME)) {
                    ext = "full";
                }
                out.merge(ext, Files.size(f), Long::sum);
            }
        }
        return out;
    }

    /**
     * Which vector implementation Lucene chose: "PanamaVectorUtilSupport" (SIMD through the
     * incubating Vector API) or "DefaultVectorUtilSupport" (scalar). Read from VectorUtil's private
     * IMPL field, because VectorizationProvider.getInstance() only answers Lucene's own classes.
     */
    static String vectorization() {
        try {
            java.lang.reflect.Field impl = org.apache.lucene.util.VectorUtil.class.getDeclaredField("IMPL");
            impl.setAccessible(true);
            return impl.get(null).getClass().getSimpleName();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
