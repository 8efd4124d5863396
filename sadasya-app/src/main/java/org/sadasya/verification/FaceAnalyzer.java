package org.sadasya.verification;

import java.util.List;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.image.ImageRejectedException;

/** Port: finds and describes the faces in an encoded photo (adapter: the sadasya-face engine). */
public interface FaceAnalyzer {

    ImageAnalysis analyze(byte[] encodedImage) throws ImageRejectedException;

    /** A selfie with its burst frames (further frames of the same capture: motion evidence for liveness). */
    default ImageAnalysis analyze(byte[] photo, List<byte[]> burstFrames) throws ImageRejectedException {
        return analyze(photo);
    }

    /** Cosine similarity at or above which two faces are the same person. */
    double matchThreshold();
}
