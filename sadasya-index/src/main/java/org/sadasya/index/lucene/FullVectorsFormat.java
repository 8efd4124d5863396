package org.sadasya.index.lucene;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Full float vectors stored flat, without a graph: what a projected index re-ranks on. Lucene's own
 * flat format is not registered for per-field lookup (it is meant to sit inside an HNSW format), so
 * this named wrapper is, in {@code META-INF/services}; a segment records the name and finds the
 * format again when it is opened.
 */
public final class FullVectorsFormat extends KnnVectorsFormat {
    public static final String NAME = "SadasyaFullVectors";

    private final Lucene99FlatVectorsFormat flat =
            new Lucene99FlatVectorsFormat(FlatVectorScorerUtil.getLucene99FlatVectorsScorer());

    /** For Lucene's service loader. */
    public FullVectorsFormat() {
        super(NAME);
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return flat.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return flat.fieldsReader(state);
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return flat.getMaxDimensions(fieldName);
    }
}
