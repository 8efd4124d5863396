package org.sadasya.face;

/**
 * The cosine similarity operating point of each mode: chosen for a 1 % false-accept rate on the
 * identity-labelled pairs of shared/data/faces/deepface (all pairs the labels imply), by
 * {@code sadasya evaluate faces}. See README, "Accuracy".
 */
record MatchThreshold(double cosine) {
    static MatchThreshold forMode(PipelineMode mode) {
        return switch (mode) {
            // 140 genuine + 1552 impostor pairs; FAR 0.97 % (15 false accepts), TAR 0.857
            case REFERENCE -> new MatchThreshold(0.609);
            // same pairs; FAR 0.97 % (15 false accepts), TAR 0.979
            case DEFAULT -> new MatchThreshold(0.598);
        };
    }
}
