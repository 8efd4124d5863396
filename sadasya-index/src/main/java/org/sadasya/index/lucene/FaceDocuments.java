package org.sadasya.index.lucene;

import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.sadasya.index.IndexEntry;
import org.sadasya.index.ScopePath;
import org.sadasya.index.Vectors;

/**
 * How an {@link IndexEntry} is written as a Lucene document: its id, its scope (stored, and one
 * indexed term per level for the filter), its sequence and its normalised vector, either in the
 * graph field itself or, with a {@link GraphProjection}, projected in the graph field and in full in
 * a flat field for the re-ranking.
 */
final class FaceDocuments {

    static final String FIELD_ID = "id";
    static final String FIELD_SCOPE = "scope";
    static final String FIELD_SCOPE_LEVEL = "scope_level";
    static final String FIELD_SEQUENCE = "seq";
    static final String FIELD_VECTOR = "vec";
    /** Projected index: the graph field (the projected vector, Euclidean). */
    static final String FIELD_PROJECTED = "pvec";
    /** Projected index: the full vector, stored flat for the re-ranking. */
    static final String FIELD_FULL = "full";
    /** What a search result reads of a document. */
    static final Set<String> RESULT_FIELDS = Set.of(FIELD_ID, FIELD_SCOPE);

    private FaceDocuments() {}

    /** @param projection the index's projection, or null for a graph on the full vectors */
    static Document of(IndexEntry e, GraphProjection projection) {
        Document doc = new Document();
        doc.add(new StringField(FIELD_ID, e.id(), Field.Store.YES));
        doc.add(new StoredField(FIELD_SCOPE, e.scope()));
        for (String level : ScopePath.selfAndAncestors(e.scope())) {
            doc.add(new StringField(FIELD_SCOPE_LEVEL, level, Field.Store.NO));
        }
        doc.add(new StoredField(FIELD_SEQUENCE, e.sequence()));
        float[] unit = Vectors.normalized(e.vector());
        if (projection == null) {
            doc.add(new KnnFloatVectorField(FIELD_VECTOR, unit, VectorSimilarityFunction.DOT_PRODUCT));
        } else {
            // centred, projected coordinates: their Euclidean distance approximates ‖x − q‖² = 2 − 2·cos
            doc.add(new KnnFloatVectorField(FIELD_PROJECTED, projection.project(unit), VectorSimilarityFunction.EUCLIDEAN));
            doc.add(new KnnFloatVectorField(FIELD_FULL, unit, VectorSimilarityFunction.DOT_PRODUCT));
        }
        return doc;
    }

    /** The field whose vectors the re-ranking reads. */
    static String fullVectorField(GraphProjection projection) {
        return projection == null ? FIELD_VECTOR : FIELD_FULL;
    }
}
