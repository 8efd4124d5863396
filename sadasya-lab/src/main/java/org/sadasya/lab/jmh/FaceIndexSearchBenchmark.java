package org.sadasya.lab.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sadasya.index.ExactFaceIndex;
import org.sadasya.index.FaceIndex;
import org.sadasya.index.IndexEntry;
import org.sadasya.index.Neighbour;
import org.sadasya.index.ScopeFilter;
import org.sadasya.lab.index.FaceresData;
import org.sadasya.lab.index.SyntheticFaces;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.index.lucene.LuceneHnswFaceIndex;

/**
 * One 1:N search (k = 10) against N generated faceres-like vectors, exact scan versus Lucene HNSW
 * (int8, 200 candidates re-ranked). Queries are re-captures of gallery members, never in the
 * gallery. For large N and recall use {@code ./lab bench index}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// a search takes a few milliseconds, a face analysis a hundred: more, shorter iterations here
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class FaceIndexSearchBenchmark {
    @Param("20000")
    int size;

    @Param({"exact", "hnsw"})
    String index;

    @Param("../shared")
    String shared;

    private FaceIndex faces;
    private Path dir;
    private final List<float[]> queries = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() throws Exception {
        SyntheticFaces generator = SyntheticFaces.fit(FaceresData.load(Path.of(shared)), 42);
        int dim = generator.dimension();
        if (index.equals("exact")) {
            faces = ExactFaceIndex.inMemory(dim);
        } else {
            dir = Files.createTempDirectory("sadasya-jmh-index");
            faces = LuceneHnswFaceIndex.open(dir, dim, HnswOptions.defaults().withGraph(16, 100).withCandidates(200));
        }
        List<IndexEntry> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            batch.add(new IndexEntry("m" + i, "MP/D" + (i % 50), generator.vector(i, 0), i));
            if (batch.size() == 5000) {
                faces.addAll(batch);
                batch.clear();
            }
        }
        faces.addAll(batch);
        for (int q = 0; q < 256; q++) {
            queries.add(generator.vector(q * 37L % size, 1));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        faces.close();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    public List<Neighbour> searchTop10() {
        float[] q = queries.get(next++ & 255);
        return faces.search(q, 10, ScopeFilter.all());
    }
}
