package org.sadasya.decision;

import org.sadasya.face.model.EmbeddingModel;

/**
 * DUPLICATE_FACE's operating points for one embedding model, in two tiers. A false duplicate is a
 * chance per enrolled member, so the more members a search covers the stricter it must be: members
 * of the booth's own sector (a few thousand) are compared at the <b>local</b> thresholds, every
 * member of the state at the stricter <b>state-wide</b> ones. A similarity at or above a tier's
 * reject threshold rejects (a near-certain match); at or above its review threshold a person looks,
 * with the candidate shown.
 *
 * <p>A model without measured tiers (faceres, the first builds' model; test doubles) keeps one
 * tier: reject at the match threshold, review within the configured margin below it, state-wide.
 */
public record DuplicateTiers(double localReview, double localReject, double stateReview, double stateReject) {

    /**
     * MobileFaceNet, chosen on the person-weighted FAR of the 316 people <i>not</i> held back in
     * shared/data/faces/identities (sadasya-lab/evaluate-identities.sh, rows "dev"; 37.2 million
     * different-person pairs) by a rule fixed beforehand, on the grid 0.55, 0.60, …, 0.90 (README,
     * "De-duplication policy", with the held-back figures they give):
     * <ul>
     *   <li>local review: the lowest point whose FAR keeps false reviews from a sector of 1e6/6 500
     *       members (154) under 1 %: 0.65 (FAR 3.2e-5);</li>
     *   <li>local reject: FAR ≤ 5e-6, under 1 % false rejections from a sector even at 1e7 members:
     *       0.85 (FAR 3.3e-6, 72 pairs);</li>
     *   <li>state-wide review: FAR ≤ 1e-8 is not reached on the grid; its strictest point, 0.90
     *       (FAR 2.5e-8, 14 pairs);</li>
     *   <li>state-wide reject: no point was measured near-certain among millions, so only a face
     *       identical to a member's (cosine 1, the same image) rejects state-wide.</li>
     * </ul>
     */
    static final DuplicateTiers MOBILEFACENET = new DuplicateTiers(0.65, 0.85, 0.90, 1.0);

    public DuplicateTiers {
        if (!(localReview <= localReject && stateReview <= stateReject && localReview <= stateReview
                && localReject <= stateReject)) {
            throw new IllegalArgumentException("review ≤ reject, and local ≤ state-wide: " + localReview + ", "
                    + localReject + ", " + stateReview + ", " + stateReject);
        }
    }

    static DuplicateTiers singleTier(double match, double reviewMargin) {
        return new DuplicateTiers(match - reviewMargin, match, match - reviewMargin, match);
    }

    /** The tiers for faces of {@code modelVersion}; {@code match} and {@code margin} for a model without its own. */
    static DuplicateTiers of(String modelVersion, double match, double reviewMargin) {
        return EmbeddingModel.ofVersion(modelVersion).filter(m -> m == EmbeddingModel.MOBILEFACENET)
                .map(m -> MOBILEFACENET).orElseGet(() -> singleTier(match, reviewMargin));
    }

    /** Whether the local search can find anything the state-wide one would not flag. */
    boolean hasLocalTier() {
        return localReview < stateReview || localReject < stateReject;
    }

    /** The unit whose members are local to a booth: its parent (the sector), as an org-unit path. Null when none. */
    static String localUnitOf(String boothPath) {
        if (boothPath == null) {
            return null;
        }
        String p = boothPath.endsWith("/") ? boothPath.substring(0, boothPath.length() - 1) : boothPath;
        int cut = p.lastIndexOf('/');
        return cut <= 0 ? null : p.substring(0, cut + 1);
    }
}
