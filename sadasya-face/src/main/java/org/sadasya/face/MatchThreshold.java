package org.sadasya.face;

/**
 * The cosine similarity operating point of each mode: chosen for a 1 % false-accept rate on the
 * identity-labelled pairs of shared/data/faces/deepface (all pairs the labels imply), by
 * {@code sadasya evaluate faces}. See README, "Accuracy".
 */
record MatchThreshold(double cosine) {
    static MatchThreshold of(PipelineMode mode, org.sadasya.face.model.EmbeddingModel model) {
        return switch (model) {
            case FACERES -> forMode(mode);
            // person-weighted FAR 1e-3 on the 316 people of shared/data/faces/identities that are not
            // held back (sadasya-lab/evaluate-identities.sh, row "dev"); held-back figures in README
            case MOBILEFACENET -> new MatchThreshold(MOBILEFACENET_DEV_FAR_1E3);
        };
    }

    static final double MOBILEFACENET_DEV_FAR_1E3 = 0.490;

    static MatchThreshold forMode(PipelineMode mode) {
        return switch (mode) {
            // 140 genuine + 1552 impostor pairs; FAR 0.97 % (15 false accepts), TAR 0.857
            case REFERENCE -> new MatchThreshold(0.609);
            // same pairs; FAR 0.84 % (13 false accepts), TAR 0.986
            case DEFAULT -> new MatchThreshold(0.598);
        };
    }
}
