package org.sadasya.index;

import java.util.Objects;

/**
 * One face to index, as read from the source of truth (the database) for a rebuild or catch-up.
 *
 * @param id the caller's id (unique in the index; adding it again replaces the earlier entry)
 * @param scope hierarchical scope path, see {@link ScopePath}
 * @param vector the embedding, any non-zero finite vector (the index normalises for cosine)
 * @param sequence the caller's change number for this entry (e.g. the embeddings table's change
 *     sequence), ≥ 0, or {@link FaceIndex#NO_SEQUENCE}; the index remembers the highest one it has
 *     applied as its {@link FaceIndex#highWaterMark() high-water mark}
 */
public record IndexEntry(String id, String scope, float[] vector, long sequence) {
    public IndexEntry {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id is empty");
        }
        ScopePath.validate(scope);
        Vectors.validate(vector);
        if (sequence < FaceIndex.NO_SEQUENCE) {
            throw new IllegalArgumentException("sequence must be >= 0 or NO_SEQUENCE: " + sequence);
        }
    }

    public IndexEntry(String id, String scope, float[] vector) {
        this(id, scope, vector, FaceIndex.NO_SEQUENCE);
    }
}
