package org.sadasya.face;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine found in one image.
 *
 * @param width        image width after orientation, pixels
 * @param height       image height after orientation, pixels
 * @param faces        the faces, highest detection score first
 * @param modelVersion the models that produced the results, e.g. {@code human-models-3.0.4/faceres}
 * @param liveness     presentation-attack result for the image as a whole
 */
public record ImageAnalysis(int width, int height, List<FaceObservation> faces, String modelVersion, ImageLiveness liveness) {
    public ImageAnalysis {
        faces = List.copyOf(faces);
    }

    public ImageAnalysis(int width, int height, List<FaceObservation> faces, String modelVersion) {
        this(width, height, faces, modelVersion, ImageLiveness.NOT_ASSESSED);
    }

    /** The primary face: the face with the highest detection score (DESIGN.md). */
    public Optional<FaceObservation> primaryFace() {
        return faces.stream().max(Comparator.comparingDouble(FaceObservation::detectionScore));
    }
}
