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
 * @param mesh           facemesh's 468 points in image pixels (x, y only: its depth values are a
 *                       learned prior that looks 3-D on a flat photo too, so they are not exposed);
 *                       empty when the mesh was not kept
 */
public record FaceObservation(
        FaceBox box,
        FaceBox cropBox,
        List<Landmark> landmarks,
        double detectionScore,
        double meshScore,
        float[] embedding,
        LivenessScore liveness,
        List<Landmark> mesh) {

    /** facemesh's number of points. */
    public static final int MESH_POINTS = 468;

    public FaceObservation {
        landmarks = List.copyOf(landmarks);
        mesh = List.copyOf(mesh);
        if (!mesh.isEmpty() && mesh.size() != MESH_POINTS) {
            throw new IllegalArgumentException("a mesh has " + MESH_POINTS + " points, not " + mesh.size());
        }
    }

    /** A face without its mesh (callers that build observations themselves). */
    public FaceObservation(FaceBox box, FaceBox cropBox, List<Landmark> landmarks, double detectionScore,
            double meshScore, float[] embedding, LivenessScore liveness) {
        this(box, cropBox, landmarks, detectionScore, meshScore, embedding, liveness, List.of());
    }

    /** The same face with other presentation-attack evidence. */
    public FaceObservation withLiveness(LivenessScore other) {
        return new FaceObservation(box, cropBox, landmarks, detectionScore, meshScore, embedding, other, mesh);
    }
}
