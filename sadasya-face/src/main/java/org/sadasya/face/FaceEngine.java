package org.sadasya.face;

import java.io.IOException;
import java.nio.file.Path;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;

/**
 * The face engine: finds the faces in a photo and describes each one (box, landmarks, embedding,
 * presentation-attack evidence). Thread-safe; create one per process and share it.
 */
public final class FaceEngine implements AutoCloseable {

    private FaceEngine() {}

    /** Loads the bundled models (checksums verified) and prepares one shared session per model. */
    public static FaceEngine create(PipelineMode mode) {
        throw new UnsupportedOperationException("face engine under construction");
    }

    public ImageAnalysis analyze(RgbImage image) {
        throw new UnsupportedOperationException("face engine under construction");
    }

    /** Decodes (with limits, EXIF orientation applied) and analyses an encoded JPEG, PNG or WebP. */
    public ImageAnalysis analyze(byte[] encoded) throws ImageRejectedException {
        throw new UnsupportedOperationException("face engine under construction");
    }

    public ImageAnalysis analyze(Path file) throws IOException, ImageRejectedException {
        throw new UnsupportedOperationException("face engine under construction");
    }

    /** The cosine similarity above which two faces are taken for the same person in this mode. */
    public double matchThreshold() {
        throw new UnsupportedOperationException("face engine under construction");
    }

    /** Cosine similarity of two embeddings, −1..1. */
    public static double cosineSimilarity(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embedding sizes differ: " + a.length + " vs " + b.length);
        }
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    @Override
    public void close() {}
}
