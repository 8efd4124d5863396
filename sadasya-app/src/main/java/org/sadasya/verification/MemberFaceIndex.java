package org.sadasya.verification;

import java.util.List;

/**
 * Port: 1:N search of a face over the enrolled members (adapters: exact search over the stored
 * embeddings; the HNSW index of sadasya-index later).
 */
public interface MemberFaceIndex {

    /** The {@code k} most similar enrolled members, most similar first. */
    List<FaceMatch> nearest(float[] embedding, int k);

    /** @param similarity cosine similarity, −1..1 */
    record FaceMatch(long memberId, String memberCode, double similarity) {}
}
