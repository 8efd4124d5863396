package org.sadasya.face.challenge;

import java.util.List;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.Landmark;

/**
 * A head's rotation read from the 2-D facemesh points alone (never from facemesh's depth values).
 * Signs follow DESIGN.md: frames are unmirrored, so a person turning to their own left moves the
 * nose toward the image's right, which is a positive yaw; looking up is a positive pitch.
 *
 * @param yawDegrees   toward the person's own left is positive
 * @param pitchDegrees up is positive; only meaningful against the same face's frontal baseline
 */
public record HeadPose(double yawDegrees, double pitchDegrees) {
    /** Mesh indexes (MediaPipe face-mesh topology): nose tip, contour at the cheeks, forehead, chin, outer eye corners. */
    static final int NOSE_TIP = 1;
    static final int CHEEK_IMAGE_LEFT = 234;
    static final int CHEEK_IMAGE_RIGHT = 454;
    static final int FOREHEAD = 10;
    static final int CHIN = 152;
    static final int EYE_IMAGE_LEFT = 33;
    static final int EYE_IMAGE_RIGHT = 263;

    /**
     * Nose-tip depth in front of the cheek contour points over the half face width. Rotating a head
     * by θ about its vertical axis moves the nose by depth·sin θ while the half width shrinks to
     * half·cos θ, so the nose offset over the half width is this ratio times tan θ. The value is the
     * MediaPipe canonical face model's geometry (nose tip about 8.2 cm in front of the cheek points,
     * which are about 7.3 cm from the midline); checked on the tuning clip
     * shenasa/live_head_turns_yaw_pitch, whose overlay prints the yaw.
     */
    static final double YAW_DEPTH_RATIO = 1.13;
    /**
     * The same for pitch: nose tip about 3.2 cm in front of the forehead–chin line over a half face
     * height of about 7.5 cm (canonical face model).
     */
    static final double PITCH_DEPTH_RATIO = 0.43;

    /** The pose of a 468-point mesh in image pixels. */
    public static HeadPose of(List<Landmark> mesh) {
        if (mesh.size() != FaceObservation.MESH_POINTS) {
            throw new IllegalArgumentException("need the 468-point mesh");
        }
        // Undo the in-plane roll (eye line) so that "horizontal" is the face's own horizontal.
        Landmark el = mesh.get(EYE_IMAGE_LEFT);
        Landmark er = mesh.get(EYE_IMAGE_RIGHT);
        double roll = Math.atan2(er.y() - el.y(), er.x() - el.x());
        double cos = Math.cos(-roll);
        double sin = Math.sin(-roll);
        double[] nose = rotate(mesh.get(NOSE_TIP), cos, sin);
        double[] left = rotate(mesh.get(CHEEK_IMAGE_LEFT), cos, sin);
        double[] right = rotate(mesh.get(CHEEK_IMAGE_RIGHT), cos, sin);
        double[] top = rotate(mesh.get(FOREHEAD), cos, sin);
        double[] bottom = rotate(mesh.get(CHIN), cos, sin);

        double halfWidth = (right[0] - left[0]) / 2;
        double halfHeight = (bottom[1] - top[1]) / 2;
        if (!(halfWidth > 0) || !(halfHeight > 0)) {
            return new HeadPose(Double.NaN, Double.NaN);
        }
        double yawRatio = (nose[0] - (left[0] + right[0]) / 2) / halfWidth;
        double pitchRatio = ((top[1] + bottom[1]) / 2 - nose[1]) / halfHeight;
        return new HeadPose(
                Math.toDegrees(Math.atan(yawRatio / YAW_DEPTH_RATIO)),
                Math.toDegrees(Math.atan(pitchRatio / PITCH_DEPTH_RATIO)));
    }

    /** This pose relative to a baseline (component-wise difference). */
    public HeadPose minus(HeadPose baseline) {
        return new HeadPose(yawDegrees - baseline.yawDegrees, pitchDegrees - baseline.pitchDegrees);
    }

    private static double[] rotate(Landmark p, double cos, double sin) {
        return new double[] {p.x() * cos - p.y() * sin, p.x() * sin + p.y() * cos};
    }
}
