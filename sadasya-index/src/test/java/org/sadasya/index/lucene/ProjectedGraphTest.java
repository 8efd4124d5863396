package org.sadasya.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.index.ExactFaceIndex;
import org.sadasya.index.IndexEntry;
import org.sadasya.index.Neighbour;
import org.sadasya.index.ScopeFilter;
import org.sadasya.index.Vectors;

/**
 * The projected graph: a rebuild learns a {@link GraphProjection} from the gallery, the graph is
 * built on the projected vectors, and every answer is re-ranked on the full vectors. The data are
 * structured like face embeddings: a few strong directions (identity), weaker ones, and noise in
 * every dimension.
 */
class ProjectedGraphTest {
    private static final int DIM = 64;
    private static final int LATENT = 12;

    @TempDir
    Path tmp;

    /** x = mean + A·z + noise: z over 12 latent directions of falling strength, noise in all 64. */
    private static final class Faces {
        final float[] mean = new float[DIM];
        final float[][] axes = new float[LATENT][DIM];
        final Random random;

        Faces(long seed) {
            random = new Random(seed);
            for (int i = 0; i < DIM; i++) {
                mean[i] = (float) random.nextGaussian() * 0.5f;
            }
            for (int j = 0; j < LATENT; j++) {
                double scale = 1.0 / (1 + j);
                for (int i = 0; i < DIM; i++) {
                    axes[j][i] = (float) (random.nextGaussian() * scale);
                }
            }
        }

        float[] person(double[] latent, double noise) {
            float[] x = mean.clone();
            for (int j = 0; j < LATENT; j++) {
                for (int i = 0; i < DIM; i++) {
                    x[i] += (float) (latent[j] * axes[j][i]);
                }
            }
            for (int i = 0; i < DIM; i++) {
                x[i] += (float) (random.nextGaussian() * noise);
            }
            return x;
        }

        double[] latent() {
            double[] z = new double[LATENT];
            for (int j = 0; j < LATENT; j++) {
                z[j] = random.nextGaussian();
            }
            return z;
        }
    }

    private static List<IndexEntry> gallery(Faces faces, int n, List<double[]> latents) {
        List<IndexEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] z = faces.latent();
            latents.add(z);
            out.add(new IndexEntry("m" + i, "MP/D" + (i % 3), faces.person(z, 0.05), i));
        }
        return out;
    }

    private static HnswOptions projected(int dims, int training) {
        return HnswOptions.defaults().withProjection(dims, training).withCandidates(100);
    }

    @Test
    void rebuild_learnsAProjection_andFindsTheExactNeighbours_withExactSimilarities() {
        Faces faces = new Faces(1);
        List<double[]> latents = new ArrayList<>();
        List<IndexEntry> entries = gallery(faces, 3000, latents);
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, projected(16, 2000));
                ExactFaceIndex exact = ExactFaceIndex.inMemory(DIM)) {
            index.rebuild(entries.iterator());
            exact.rebuild(entries.iterator());
            GraphProjection p = index.projection().orElseThrow();
            assertThat(p.outputDimension()).isEqualTo(16);
            assertThat(p.trainingSize()).isEqualTo(2000);
            assertThat(p.varianceKept()).isGreaterThan(0.9).isLessThan(1.0);

            int hits = 0;
            int mateFirst = 0;
            int queries = 60;
            for (int q = 0; q < queries; q++) {
                // even: a re-capture of gallery member q·40; odd: someone not in the gallery
                float[] query = q % 2 == 0 ? faces.person(latents.get(q * 40), 0.05) : faces.person(faces.latent(), 0.05);
                List<Neighbour> got = index.search(query, 10, ScopeFilter.all());
                List<Neighbour> truth = exact.search(query, 10, ScopeFilter.all());
                assertThat(got).hasSize(10);
                float[] qn = Vectors.normalized(query);
                for (Neighbour n : got) {
                    float[] v = Vectors.normalized(entries.get(Integer.parseInt(n.id().substring(1))).vector());
                    assertThat(n.similarity()).as("re-ranked on the full vector").isCloseTo((double) Vectors.dot(qn, v), within(1e-5));
                }
                List<String> truthIds = truth.stream().map(Neighbour::id).toList();
                hits += (int) got.stream().filter(n -> truthIds.contains(n.id())).count();
                if (q % 2 == 0 && got.get(0).id().equals("m" + q * 40)) {
                    mateFirst++;
                }
            }
            assertThat(hits / (10.0 * queries)).as("recall@10 against the exact search").isGreaterThanOrEqualTo(0.95);
            assertThat(mateFirst).as("re-captures found first").isEqualTo(queries / 2);
            // scopes still filter inside the projected graph
            assertThat(index.search(entries.get(7).vector(), 5, ScopeFilter.within("MP/D2")))
                    .hasSize(5).allSatisfy(n -> assertThat(n.scope()).isEqualTo("MP/D2"));
        }
        assertThat(files()).as("full vectors kept flat, beside the graph")
                .anyMatch(f -> f.contains(FullVectorsFormat.NAME) && f.endsWith(".vec"));
    }

    @Test
    void theProjection_survivesReopen_newAddsUseIt_andARebuildReplacesIt() {
        Faces faces = new Faces(2);
        List<IndexEntry> entries = gallery(faces, 800, new ArrayList<>());
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, projected(8, 500))) {
            index.rebuild(entries.iterator());
        }
        float[] newcomer = faces.person(faces.latent(), 0.05);
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, projected(8, 500))) {
            assertThat(index.projection()).get().extracting(GraphProjection::trainingSize).isEqualTo(500);
            assertThat(index.size()).isEqualTo(800);
            index.add(new IndexEntry("new", "MP/D0", newcomer, 900));
            assertThat(index.search(newcomer, 1, ScopeFilter.all()).get(0).id()).isEqualTo("new");
            assertThat(index.search(entries.get(123).vector(), 1, ScopeFilter.all()).get(0).id()).isEqualTo("m123");
            index.rebuild(entries.iterator()); // learns again: a new file, the old one deleted
            assertThat(files()).filteredOn(f -> f.startsWith(ProjectionStore.PROJECTION_FILE_PREFIX)).hasSize(1);
        }
        // the same directory rebuilt without a projection: a graph on the full vectors again
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, HnswOptions.defaults())) {
            assertThat(index.projection()).as("until the rebuild, the stored projection is used").isPresent();
            index.rebuild(entries.iterator());
            assertThat(index.projection()).isEmpty();
            assertThat(index.search(entries.get(5).vector(), 1, ScopeFilter.all()).get(0).id()).isEqualTo("m5");
        }
        assertThat(files()).noneMatch(f -> f.startsWith(ProjectionStore.PROJECTION_FILE_PREFIX));
    }

    @Test
    void aRebuild_canChangeTheProjectedDimension_orAddAProjectionToAFullVectorIndex() {
        Faces faces = new Faces(5);
        List<IndexEntry> entries = gallery(faces, 600, new ArrayList<>());
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, HnswOptions.defaults())) {
            index.rebuild(entries.iterator());
            assertThat(index.projection()).isEmpty();
        }
        for (int dims : new int[] {8, 16}) {
            try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, projected(dims, 500))) {
                index.rebuild(entries.iterator());
                assertThat(index.projection()).get().extracting(GraphProjection::outputDimension).isEqualTo(dims);
                assertThat(index.search(entries.get(321).vector(), 1, ScopeFilter.all()).get(0).id()).isEqualTo("m321");
            }
        }
    }

    @Test
    void tooFewVectorsToLearnFrom_buildTheGraphOnTheFullVectors() {
        Faces faces = new Faces(3);
        List<IndexEntry> entries = gallery(faces, 40, new ArrayList<>()); // 16 dimensions need 64
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, projected(16, 1000))) {
            index.rebuild(entries.iterator());
            assertThat(index.projection()).isEmpty();
            assertThat(index.search(entries.get(39).vector(), 1, ScopeFilter.all()).get(0).id()).isEqualTo("m39");
        }
    }

    @Test
    void aDamagedProjectionFile_isRefusedAtOpen() throws IOException {
        Faces faces = new Faces(4);
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, projected(8, 500))) {
            index.rebuild(gallery(faces, 600, new ArrayList<>()).iterator());
        }
        Path file = tmp.resolve(files().stream().filter(f -> f.startsWith(ProjectionStore.PROJECTION_FILE_PREFIX)).findFirst().orElseThrow());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        assertThatThrownBy(() -> LuceneHnswFaceIndex.open(tmp, DIM, projected(8, 500)))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseInstanceOf(org.apache.lucene.index.CorruptIndexException.class);
    }

    @Test
    void aLearnedProjection_keepsDistancesInsideTheSubspace_andChecksItsInput() {
        Random r = new Random(6);
        float[][] basis = new float[5][DIM];
        for (float[] b : basis) {
            for (int i = 0; i < DIM; i++) {
                b[i] = (float) r.nextGaussian();
            }
        }
        List<float[]> training = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            float[] x = new float[DIM];
            for (float[] b : basis) {
                double c = r.nextGaussian();
                for (int i = 0; i < DIM; i++) {
                    x[i] += (float) (c * b[i]);
                }
            }
            training.add(x);
        }
        GraphProjection p = GraphProjection.learn(training, 5, 42);
        assertThat(p.varianceKept()).isCloseTo(1.0, within(1e-6));
        // data that lie in a 5-d subspace keep their distances exactly in 5 projected coordinates
        for (int t = 0; t < 50; t++) {
            float[] a = training.get(t);
            float[] b = training.get(t + 100);
            float[] pa = p.project(a);
            float[] pb = p.project(b);
            double full = squaredDistance(a, b);
            assertThat(squaredDistance(pa, pb)).isCloseTo(full, within(1e-3 * full));
        }
        assertThatThrownBy(() -> GraphProjection.learn(training.subList(0, 5), 5, 42))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 5");
        assertThatThrownBy(() -> p.project(new float[DIM - 1])).isInstanceOf(IllegalArgumentException.class);
    }

    private static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return s;
    }

    private List<String> files() {
        try (Stream<Path> list = Files.list(tmp)) {
            return list.map(f -> f.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
