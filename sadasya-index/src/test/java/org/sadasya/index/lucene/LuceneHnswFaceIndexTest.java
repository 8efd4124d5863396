package org.sadasya.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sadasya.index.FaceIndex;
import org.sadasya.index.FaceIndexContract;

class LuceneHnswFaceIndexTest extends FaceIndexContract {

    @Override
    protected FaceIndex open(Path dir) {
        return LuceneHnswFaceIndex.open(dir, DIM, HnswOptions.defaults());
    }

    @Test
    void reopeningWithAnotherDimension_isRefused() {
        try (FaceIndex index = open(tmp)) {
            index.add("a", "MP", new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        }
        assertThatThrownBy(() -> LuceneHnswFaceIndex.open(tmp, 8, HnswOptions.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dimension");
    }

    @Test
    void int4AndFloat32Formats_findTheSameNearestNeighbour() {
        for (VectorQuantization q : VectorQuantization.values()) {
            Path dir = tmp.resolve(q.name());
            Random r = new Random(9);
            try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(dir, DIM, HnswOptions.defaults().withQuantization(q))) {
                float[] target = null;
                java.util.List<org.sadasya.index.IndexEntry> entries = new java.util.ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    float[] v = randomVector(r);
                    if (i == 250) {
                        target = v;
                    }
                    entries.add(new org.sadasya.index.IndexEntry("m" + i, "MP", v, i));
                }
                index.rebuild(entries.iterator());
                assertThat(index.segmentCount()).isEqualTo(1);
                assertThat(index.search(target, 1, org.sadasya.index.ScopeFilter.all()).get(0).id()).as(q.name()).isEqualTo("m250");
            }
        }
    }

    @Test
    void bulkAdd_keepsWhatIsThere_addsTheRest_inOneSegment() {
        Random r = new Random(11);
        java.util.List<org.sadasya.index.IndexEntry> first = new java.util.ArrayList<>();
        java.util.List<org.sadasya.index.IndexEntry> more = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            (i < 300 ? first : more).add(new org.sadasya.index.IndexEntry("m" + i, "MP/D" + (i % 3), randomVector(r), i));
        }
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, HnswOptions.defaults())) {
            index.rebuild(first.iterator());
            index.bulkAdd(more.iterator());
            assertThat(index.size()).isEqualTo(600);
            assertThat(index.segmentCount()).isEqualTo(1);
            assertThat(index.highWaterMark()).isEqualTo(599);
            for (int i : new int[] {0, 299, 300, 599}) {
                org.sadasya.index.IndexEntry e = (i < 300 ? first : more).get(i % 300);
                assertThat(index.search(e.vector(), 1, org.sadasya.index.ScopeFilter.all()).get(0).id()).isEqualTo(e.id());
            }
            // an upsert through bulkAdd replaces, it does not duplicate
            index.bulkAdd(java.util.List.of(new org.sadasya.index.IndexEntry("m0", "MP/D0", randomVector(r), 600)).iterator());
            assertThat(index.size()).isEqualTo(600);
            assertThat(index.highWaterMark()).isEqualTo(600);
        }
    }

    @Test
    void twoSegmentsSearchedConcurrently_findEveryEntryAndRespectScopes() {
        Random r = new Random(13);
        java.util.List<org.sadasya.index.IndexEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            entries.add(new org.sadasya.index.IndexEntry("m" + i, "MP/D" + (i % 4), randomVector(r), i));
        }
        // the rebuild leaves one or two segments, the bulk add at least one more: merged down to two
        HnswOptions two = HnswOptions.defaults().withSegments(2).withSearchThreads(2);
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, two)) {
            index.rebuild(entries.subList(0, 1000).iterator());
            index.bulkAdd(entries.subList(1000, 2000).iterator());
            assertThat(index.segmentCount()).isEqualTo(2);
            assertThat(index.size()).isEqualTo(2000);
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(tmp)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("bulk segments are not packed into compound files")
                        .noneMatch(name -> name.endsWith(".cfs"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            for (int i = 0; i < 2000; i += 97) {
                org.sadasya.index.IndexEntry e = entries.get(i);
                assertThat(index.search(e.vector(), 1, org.sadasya.index.ScopeFilter.all()).get(0).id()).isEqualTo(e.id());
                String otherDistrict = "MP/D" + ((i + 1) % 4);
                assertThat(index.search(e.vector(), 5, org.sadasya.index.ScopeFilter.within(otherDistrict)))
                        .hasSize(5).allSatisfy(n -> assertThat(n.scope()).isEqualTo(otherDistrict));
            }
        }
    }

    @Test
    void parallelReadersAndRerankDepth_giveExactSimilarities_andTheSameAnswers() {
        Random r = new Random(5);
        java.util.List<org.sadasya.index.IndexEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            entries.add(new org.sadasya.index.IndexEntry("m" + i, "MP", randomVector(r), i));
        }
        HnswOptions parallel = HnswOptions.defaults().withRerankReaders(32);
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, parallel)) {
            index.rebuild(entries.iterator());
        }
        java.util.List<java.util.List<org.sadasya.index.Neighbour>> byParallel = new java.util.ArrayList<>();
        java.util.List<float[]> queries = new java.util.ArrayList<>();
        for (int q = 0; q < 20; q++) {
            queries.add(q % 2 == 0 ? entries.get(q * 50).vector() : randomVector(r));
        }
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, parallel)) {
            for (float[] q : queries) {
                byParallel.add(index.search(q, 10, org.sadasya.index.ScopeFilter.all()));
            }
        }
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, parallel.withRerankReaders(1))) {
            for (int q = 0; q < queries.size(); q++) {
                assertThat(index.search(queries.get(q), 10, org.sadasya.index.ScopeFilter.all())).isEqualTo(byParallel.get(q));
            }
        }
        // A shallow list is cut into small chunks (50 candidates over 32 readers: 2 each): same answers as one reader.
        java.util.List<java.util.List<org.sadasya.index.Neighbour>> shallowParallel = new java.util.ArrayList<>();
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, parallel.withRerankDepth(50))) {
            for (float[] q : queries) {
                shallowParallel.add(index.search(q, 10, org.sadasya.index.ScopeFilter.all()));
            }
        }
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, parallel.withRerankDepth(50).withRerankReaders(1))) {
            for (int q = 0; q < queries.size(); q++) {
                assertThat(index.search(queries.get(q), 10, org.sadasya.index.ScopeFilter.all())).isEqualTo(shallowParallel.get(q));
            }
        }
        try (LuceneHnswFaceIndex index = LuceneHnswFaceIndex.open(tmp, DIM, parallel.withRerankDepth(10))) {
            for (int q = 0; q < queries.size(); q++) {
                java.util.List<org.sadasya.index.Neighbour> shallow = index.search(queries.get(q), 10, org.sadasya.index.ScopeFilter.all());
                assertThat(shallow).hasSize(10);
                for (org.sadasya.index.Neighbour n : shallow) {
                    float[] v = org.sadasya.index.Vectors.normalized(entries.get(Integer.parseInt(n.id().substring(1))).vector());
                    float[] qn = org.sadasya.index.Vectors.normalized(queries.get(q));
                    assertThat(n.similarity()).isCloseTo(org.sadasya.index.Vectors.dot(qn, v), org.assertj.core.api.Assertions.within(1e-5));
                }
                if (q % 2 == 0) {
                    assertThat(shallow.get(0).id()).isEqualTo("m" + (q * 50));
                }
            }
        }
    }
}
