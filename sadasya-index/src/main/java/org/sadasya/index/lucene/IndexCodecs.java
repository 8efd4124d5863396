package org.sadasya.index.lucene;

import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/** The Lucene codec of the index: the HNSW format the options ask for, and a flat one for the projected index's full vectors. */
final class IndexCodecs {

    private IndexCodecs() {}

    /** @param mergeExecutor the merge threads, or null to merge in the calling thread */
    static Codec of(HnswOptions options, ExecutorService mergeExecutor) {
        KnnVectorsFormat graph = vectorsFormat(options, mergeExecutor);
        KnnVectorsFormat full = new FullVectorsFormat();
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return FaceDocuments.FIELD_FULL.equals(field) ? full : graph;
            }
        };
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
}
