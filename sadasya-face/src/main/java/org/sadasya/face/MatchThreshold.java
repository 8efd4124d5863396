package org.sadasya.face;

/**
 * The cosine similarity operating point of each mode: chosen for a 1 % false-accept rate on the
 * identity-labelled pairs of shared/data/faces/deepface (all pairs the labels imply), by
 * {@code sadasya evaluate faces}. See README, "Accuracy".
 */
record MatchThreshold(double cosine) {
    static MatchThreshold forMode(PipelineMode mode) {
        return switch (mode) {
            case REFERENCE -> new MatchThreshold(0.622);
            case DEFAULT -> new MatchThreshold(0.622);
        };
    }
}
