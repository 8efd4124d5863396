package org.sadasya.face;

import java.util.List;

/**
 * One face found in an image.
 *
 * @param box            the face box in image pixels (the detector's box, before enlarging)
 * @param cropBox        the square box the per-face models saw (may extend past the image)
 * @param landmarks      the detector's six key points: right eye, left eye, nose, mouth, right ear, left ear
 * @param detectionScore the detector's score, 0..1
 * @param meshScore      the face-mesh model's face flag, 0..1 (gates weak detections)
 * @param embedding      faceres embedding (1024 values, not normalised; compare with cosine)
 * @param liveness       presentation-attack evidence for this face
 */
public record FaceObservation(
        FaceBox box,
        FaceBox cropBox,
        List<Landmark> landmarks,
        double detectionScore,
        double meshScore,
        float[] embedding,
        LivenessScore liveness) {

    public FaceObservation {
        landmarks = List.copyOf(landmarks);
    }
}
