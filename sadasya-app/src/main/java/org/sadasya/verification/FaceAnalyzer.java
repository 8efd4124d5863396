package org.sadasya.verification;

import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.image.ImageRejectedException;

/** Port: finds and describes the faces in an encoded photo (adapter: the sadasya-face engine). */
public interface FaceAnalyzer {

    ImageAnalysis analyze(byte[] encodedImage) throws ImageRejectedException;

    /** Cosine similarity at or above which two faces are the same person. */
    double matchThreshold();
}
