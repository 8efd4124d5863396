package org.sadasya.index;

import java.util.Objects;

/**
 * One search result: an indexed face and its cosine similarity to the query.
 *
 * @param id the caller's id of the indexed face (e.g. a member id)
 * @param scope the scope path the face was indexed under
 * @param similarity cosine similarity, −1..1, computed exactly on the full vectors
 */
public record Neighbour(String id, String scope, double similarity) {
    public Neighbour {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        if (Double.isNaN(similarity)) {
            throw new IllegalArgumentException("similarity is NaN");
        }
    }
}
