package org.sadasya.face.pad;

import java.util.List;
import java.util.Optional;

/**
 * What the burst frames say about each face's motion.
 *
 * @param faces      per face, in the order given
 * @param sharedPlanes pairs of faces whose points all move with one homography that the background
 *                   does not share: two faces on one rigid plane (a photo of two people)
 * @param background how the scene outside the faces moved, when it has enough texture to track
 */
public record BurstEvidence(List<FaceMotion> faces, List<SharedPlane> sharedPlanes, Optional<SceneMotion> background) {

    public BurstEvidence {
        faces = List.copyOf(faces);
        sharedPlanes = List.copyOf(sharedPlanes);
    }

    /** Whether a face's motion over the burst fits one plane. */
    public enum Planarity {
        /** The face moved, and every tracked point fits one homography: a flat print or screen. */
        PLANAR,
        /** The face moved, and its points do not fit one homography: a three-dimensional head. */
        NON_PLANAR,
        /** Too little motion to tell a plane from a head. */
        STILL,
        /** Too few trackable points. */
        UNTRACKABLE
    }

    /**
     * @param face              index of the face
     * @param points            points tracked forward and back consistently (in the most informative frame pair)
     * @param motion            median point displacement, as a share of the face width
     * @param planarResidual    median distance of the points from their best homography, share of face width
     * @param inlierShare       share of points within the RANSAC tolerance of that homography
     * @param relativeToScene   median distance of the points from the background's homography, share of
     *                          face width ({@code NaN} without a trackable background)
     * @param planarity         the reading
     */
    public record FaceMotion(
            int face, int points, double motion, double planarResidual, double inlierShare, double relativeToScene,
            Planarity planarity) {}

    /** @param residual median distance of face b's points from face a's homography, share of face a's width */
    public record SharedPlane(int a, int b, double residual) {}

    /** @param points tracked background points; @param motionPx their median displacement in working pixels */
    public record SceneMotion(int points, double motionPx) {}

    /**
     * Attack evidence for a face: it moved as a rigid plane, and not merely because the camera
     * moved (a pure camera rotation moves every point of a live scene by one homography too, so a
     * plane moving with its background proves nothing). Also when it shares a plane with another face.
     */
    public boolean attackEvidence(int face) {
        FaceMotion m = faces.get(face);
        boolean independentPlane = m.planarity() == Planarity.PLANAR
                && !Double.isNaN(m.relativeToScene())
                && m.relativeToScene() > BurstMotionAnalysis.SCENE_TOLERANCE;
        boolean sharesPlane = sharedPlanes.stream().anyMatch(p -> p.a() == face || p.b() == face);
        return independentPlane || sharesPlane;
    }

    public String describe(int face) {
        FaceMotion m = faces.get(face);
        return String.format(java.util.Locale.ROOT,
                "burst motion %s (motion %.3f, planar residual %.4f, off-scene %.4f face widths, %d points)%s",
                m.planarity().name().toLowerCase(java.util.Locale.ROOT), m.motion(), m.planarResidual(),
                m.relativeToScene(), m.points(),
                sharedPlanes.stream().anyMatch(p -> p.a() == face || p.b() == face) ? ", shares a plane with another face" : "");
    }
}
