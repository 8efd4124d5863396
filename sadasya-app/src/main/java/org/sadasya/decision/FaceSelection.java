package org.sadasya.decision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sadasya.face.FaceObservation;

/**
 * The usable faces of a photo, largest first, split into the faces that count and the small
 * background faces that are ignored (and noted).
 */
public record FaceSelection(List<FaceObservation> counted, List<FaceObservation> ignored, boolean similarThirdFace) {

    /**
     * @param expected how many faces the photo should show (2 for an enrolment selfie, 1 for a worker's reference)
     */
    public static FaceSelection of(List<FaceObservation> faces, VerificationPolicy policy, int expected) {
        List<FaceObservation> usable = new ArrayList<>();
        List<FaceObservation> ignored = new ArrayList<>();
        for (FaceObservation f : faces) {
            boolean clear = f.detectionScore() >= policy.minDetectionScore()
                    && Math.min(f.box().width(), f.box().height()) >= policy.minFaceSizePixels()
                    && f.embedding() != null;
            (clear ? usable : ignored).add(f);
        }
        usable.sort(Comparator.comparingDouble((FaceObservation f) -> f.box().area()).reversed());
        List<FaceObservation> counted = new ArrayList<>(usable.subList(0, Math.min(expected, usable.size())));
        boolean similar = false;
        if (usable.size() > expected && !counted.isEmpty()) {
            double smallestCounted = counted.get(counted.size() - 1).box().area();
            for (FaceObservation extra : usable.subList(expected, usable.size())) {
                if (extra.box().area() >= policy.thirdFaceAreaRatio() * smallestCounted) {
                    similar = true;
                }
                ignored.add(extra);
            }
        }
        return new FaceSelection(List.copyOf(counted), List.copyOf(ignored), similar);
    }
}
