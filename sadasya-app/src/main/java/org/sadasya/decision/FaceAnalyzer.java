package org.sadasya.decision;

import java.util.List;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.challenge.ChallengeEvidence;
import org.sadasya.face.image.ImageRejectedException;

/** Port: finds and describes the faces in an encoded photo (adapter: the sadasya-face engine). */
public interface FaceAnalyzer {

    ImageAnalysis analyze(byte[] encodedImage) throws ImageRejectedException;

    /**
     * What a challenge burst says about some faces of the still: whether each followed the steps
     * in {@code timing}, moved like a head rather than a plane, and stayed the same person.
     *
     * @param still  the analysis of the still ({@link #analyze(byte[])})
     * @param frames the burst frames, in capture order, one per {@code timing.frameTimesMs()}
     * @param faces  indices into {@code still.faces()}; the answer has one result per index, in this order
     */
    ChallengeEvidence challenge(ImageAnalysis still, List<byte[]> frames, BurstTiming timing, List<Integer> faces);

    /** Cosine similarity at or above which two faces are the same person. */
    double matchThreshold();

    /** The same, for faces described by the model {@code modelVersion} (as in ImageAnalysis.modelVersion). */
    default double matchThreshold(String modelVersion) {
        return matchThreshold();
    }
}
