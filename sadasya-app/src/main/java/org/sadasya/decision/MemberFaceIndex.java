package org.sadasya.decision;

import java.util.List;

/**
 * Port: 1:N search of a face over the enrolled members. Adapters: {@code member.MemberFaceIndexes}
 * (the HNSW index of sadasya-index, one per embedding model; the default) and
 * {@code member.ExactMemberFaceIndex} (a scan of the stored embeddings).
 */
public interface MemberFaceIndex {

    /**
     * The {@code k} most similar enrolled members, most similar first, among the faces described by
     * the same model ({@code modelVersion}, as in ImageAnalysis.modelVersion): none for a model no
     * member face has.
     */
    List<FaceMatch> nearest(String modelVersion, float[] embedding, int k);

    /**
     * As {@link #nearest}, among the members whose booth lies within the org unit at {@code unitPath}
     * (materialised path, {@code /1/4/9/}).
     */
    List<FaceMatch> nearestWithin(String modelVersion, float[] embedding, int k, String unitPath);

    /** @param similarity cosine similarity, −1..1 */
    record FaceMatch(long memberId, String memberCode, double similarity) {}
}
