package org.sadasya.lab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.index.lucene.VectorQuantization;
import org.sadasya.lab.index.ErrorBudget;
import org.sadasya.lab.index.FaceresData;
import org.sadasya.lab.index.GeneratorReport;
import org.sadasya.lab.index.IndexBenchmark;
import org.sadasya.lab.index.SyntheticFaces;
import org.sadasya.lab.JsonLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab bench …}: benchmarks that print one JSON line per result (JMH prints its own report). */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks; each prints one JSON line per result.",
        subcommands = {FaceBenchCommand.class, BenchCommand.Index.class, BenchCommand.Budget.class, ProjectionBenchCommand.class,
            BenchCommand.Generator.class, BenchCommand.Jmh.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    /** {@code ./lab bench index --size N}: the 1:N index at N generated faces, recall against exact search. */
    @Command(name = "index", mixinStandardHelpOptions = true,
            description = "Build a Lucene HNSW face index over N generated faceres-like vectors; print build time, recall vs exact, latency and peak RSS.")
    static final class Index implements Callable<Integer> {
        @Option(names = "--size", required = true, description = "Gallery size N (e.g. 1e6).")
        String size;

        @Option(names = "--dim", defaultValue = "1024", description = "Dimensions (1024 = full faceres; fewer = the generator's leading principal coordinates).")
        int dim;

        @Option(names = "--queries", defaultValue = "500", description = "Held-out queries (half re-captures, half unrelated people).")
        int queries;

        @Option(names = "--dir", description = "Index directory (default: a temporary one, deleted afterwards).")
        Path dir;

        @Option(names = "--reuse", description = "Reuse the index in --dir when it already holds N entries (skip the build).")
        boolean reuse;

        @Option(names = "--grow", description = "With --reuse: when the index in --dir holds fewer than N entries, add the missing ones (bulk, then one merge) instead of rebuilding.")
        boolean grow;

        @Option(names = "--format", defaultValue = "int8", description = "int8, int4 or float32.")
        String format;

        @Option(names = "--m", defaultValue = "" + HnswOptions.DEFAULT_M, description = "HNSW M (default: the service's).")
        int m;

        @Option(names = "--ef-construction", defaultValue = "" + HnswOptions.DEFAULT_EF_CONSTRUCTION, description = "HNSW efConstruction.")
        int efConstruction;

        @Option(names = "--candidates", defaultValue = "" + HnswOptions.DEFAULT_CANDIDATES, description = "Graph candidates re-ranked exactly (default: the service's).")
        int candidates;

        @Option(names = "--ram-buffer-mb", defaultValue = "512", description = "Indexing buffer; larger = fewer segments to merge (needs heap).")
        double ramBufferMb;

        @Option(names = "--rerank-readers", defaultValue = "32",
                description = "Threads reading candidates' full vectors for the re-ranking (matters when the index is larger than RAM).")
        int rerankReaders;

        @Option(names = "--rerank-depth", defaultValue = "0",
                description = "Re-rank only the best D candidates by quantised score (0 = all).")
        int rerankDepth;

        @Option(names = "--segments", defaultValue = "1",
                description = "Segments (graphs) a build leaves; with --search-threads they are searched concurrently.")
        int segments;

        @Option(names = "--search-threads", defaultValue = "1",
                description = "Threads searching the segments of one query concurrently.")
        int searchThreads;

        @Option(names = "--projection", defaultValue = "0",
                description = "Build the graph on a projection to K dimensions learned from the gallery (0 = on the full vectors).")
        int projection;

        @Option(names = "--projection-training", defaultValue = "10000",
                description = "Gallery vectors the projection is learned from.")
        int projectionTraining;

        @Option(names = "--seed", defaultValue = "42")
        long seed;

        @Option(names = "--shared", description = "The shared data folder (default: -Dsadasya.shared or ../shared).")
        Path shared;

        @Option(names = "--sample", description = "Fit the generated faces on this embedding sample instead of faceres's"
                + " (sadasya-lab/evaluate-identities.sh --sample-out); --dim at most its dimension.")
        Path sample;

        @Option(names = "--real-directions", defaultValue = "30",
                description = "Measured principal directions the generator keeps (the rest follow a fitted power law).")
        int realDirections;

        @Override
        public Integer call() {
            HnswOptions hnsw = HnswOptions.defaults()
                    .withQuantization(VectorQuantization.parse(format))
                    .withGraph(m, efConstruction)
                    .withCandidates(candidates)
                    .withRamBufferMb(ramBufferMb)
                    .withRerankReaders(rerankReaders)
                    .withRerankDepth(rerankDepth)
                    .withSegments(segments)
                    .withSearchThreads(searchThreads)
                    .withProjection(projection, projectionTraining);
            IndexBenchmark.Options options = new IndexBenchmark.Options((int) Double.parseDouble(size), dim, queries, 10, dir,
                    false, reuse, hnsw, seed, shared, grow, sample, realDirections);
            JsonLines.print(IndexBenchmark.run(options).fields());
            return 0;
        }
    }

    /** {@code ./lab bench error-budget}: false-duplicate rates at state-scale gallery sizes. */
    @Command(name = "error-budget", mixinStandardHelpOptions = true,
            description = "False-duplicate rate per enrolment at gallery sizes 1e5/1e6/1e7 and the review load, from real genuine/impostor pairs.")
    static final class Budget implements Callable<Integer> {
        @Option(names = "--thresholds", defaultValue = "0.62,0.65,0.70,0.75,0.80", split = ",", description = "Cosine thresholds.")
        List<String> thresholds;

        @Option(names = "--bootstrap", defaultValue = "2000", description = "Bootstrap resamples for the 95 % intervals.")
        int bootstrap;

        @Option(names = "--markdown", description = "Print a Markdown table instead of JSON lines.")
        boolean markdown;

        @Option(names = "--seed", defaultValue = "7", description = "The bootstrap's seed.")
        long seed;

        @Option(names = "--shared", description = "The shared data folder.")
        Path shared;

        @Option(names = "--embeddings", defaultValue = "golden",
                description = "'golden': the reference pipeline's stored embeddings, master.csv pairs; "
                        + "'engine': this build's default-mode pipeline on the photos, every pair the labels imply.")
        String embeddings;

        @Override
        public Integer call() throws Exception {
            if (embeddings.equals("engine")) {
                return engineBudget();
            }
            if (!embeddings.equals("golden")) {
                throw LabFailure.badArgument("--embeddings must be 'golden' or 'engine'");
            }
            double[] t = thresholds.stream().mapToDouble(Double::parseDouble).toArray();
            FaceresData data = FaceresData.load(FaceresData.locateShared(shared == null ? null : shared.toString()));
            ErrorBudget.print(ErrorBudget.from(data).table(t, bootstrap, seed), markdown);
            return 0;
        }

        /**
         * The budget of the shipped pipeline: default-mode embeddings of the deepface photos (primary
         * face), identities and known-different pairs from both label files; pairs of identities not
         * known to differ are left out.
         */
        private int engineBudget() throws Exception {
            Path deepface = FaceresData.locateShared(shared == null ? null : shared.toString()).resolve("data/faces/deepface");
            if (!java.nio.file.Files.isRegularFile(deepface.resolve("master.csv"))) {
                throw LabFailure.badArgument(deepface + " has no master.csv (use --shared DIR)");
            }
            org.sadasya.lab.face.LabelledPairs.Identities ids = org.sadasya.lab.face.LabelledPairs.identities(deepface);
            List<float[]> vectors = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            try (org.sadasya.face.FaceEngine engine = org.sadasya.face.FaceEngine.create(org.sadasya.face.PipelineMode.DEFAULT)) {
                for (var e : ids.identityOf().entrySet()) {
                    var face = engine.analyze(deepface.resolve(e.getKey())).primaryFace();
                    if (face.isPresent()) {
                        vectors.add(face.get().embedding());
                        labels.add(e.getValue());
                    }
                }
            }
            List<String> distinct = labels.stream().distinct().toList();
            int[] identity = labels.stream().mapToInt(distinct::indexOf).toArray();
            double[] t = thresholds.stream().mapToDouble(Double::parseDouble).toArray();
            ErrorBudget.print(ErrorBudget.of(vectors, identity, (a, b) -> ids.different(distinct.get(a), distinct.get(b)))
                    .table(t, bootstrap, seed), markdown);
            return 0;
        }
    }

    /** {@code ./lab bench generator}: how close the generated faces of {@code bench index} are to real ones. */
    @Command(name = "generator", mixinStandardHelpOptions = true,
            description = "Compare the generated faces with the real sample they are fitted on: intrinsic dimension and genuine/impostor cosine quantiles.")
    static final class Generator implements Callable<Integer> {
        @Option(names = "--pairs", defaultValue = "20000", description = "Generated genuine and impostor pairs, each.")
        int pairs;

        @Option(names = "--shared", description = "The shared data folder.")
        Path shared;

        @Option(names = "--sample", description = "Fit on this embedding sample instead of faceres's (evaluate identities --sample-out).")
        Path sample;

        @Option(names = "--real-directions", defaultValue = "" + SyntheticFaces.REAL_DIRECTIONS,
                description = "Measured principal directions the generator keeps.")
        int realDirections;

        @Override
        public Integer call() {
            FaceresData data = sample != null ? FaceresData.read(sample)
                    : FaceresData.load(FaceresData.locateShared(shared == null ? null : shared.toString()));
            JsonLines.print(GeneratorReport.report(data, realDirections, pairs));
            return 0;
        }
    }

    /** {@code ./lab bench jmh [JMH arguments]}: the JMH benchmarks of this module, JMH's own command line. */
    @Command(name = "jmh", description = "Run the JMH benchmarks (FaceEngineBenchmark, FaceIndexSearchBenchmark, ChallengeBurstBenchmark); "
            + "arguments go to JMH unchanged (a benchmark regex, -f, -wi, -i, -h for its help).")
    static final class Jmh implements Callable<Integer> {
        @picocli.CommandLine.Unmatched
        List<String> jmhArguments = new java.util.ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(jmhArguments.toArray(String[]::new));
            return 0;
        }
    }
}
