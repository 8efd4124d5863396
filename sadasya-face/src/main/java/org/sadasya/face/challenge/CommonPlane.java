package org.sadasya.face.challenge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sadasya.face.FaceMesh;

/**
 * Two faces that one common homography moves are one flat picture of both (a photo of two people),
 * however each face alone looks. Two live heads move on their own and in 3-D.
 */
final class CommonPlane {
    private CommonPlane() {}

    /** The results with each pair of faces checked; faces on a common plane become PLANAR / COMMON_PLANE. */
    static List<FaceChallengeResult> apply(List<FaceChallengeResult> results, List<FaceTrack> tracks) {
        List<FaceChallengeResult> out = new ArrayList<>(results);
        for (int a = 0; a < tracks.size(); a++) {
            for (int b = a + 1; b < tracks.size(); b++) {
                double residual = residual(tracks.get(a), tracks.get(b));
                if (Double.isNaN(residual)) {
                    continue;
                }
                out.set(a, mark(out.get(a), residual));
                out.set(b, mark(out.get(b), residual));
            }
        }
        return out;
    }

    /** One homography for both faces between the frames where their joint pose changed most; NaN if none is tracked in both. */
    static double residual(FaceTrack a, FaceTrack b) {
        List<HeadPose> joint = new ArrayList<>();
        for (int i = 0; i < a.frames(); i++) {
            if (a.at(i).isPresent() && b.at(i).isPresent()) {
                HeadPose pa = HeadPose.of(a.at(i).get().points());
                HeadPose pb = HeadPose.of(b.at(i).get().points());
                joint.add(new HeadPose(pa.yawDegrees() + pb.yawDegrees(), pa.pitchDegrees() + pb.pitchDegrees()));
            } else {
                joint.add(null);
            }
        }
        int[] pair = MotionPair.widest(joint);
        if (pair[0] == pair[1]) {
            return Double.NaN;
        }
        List<FaceMesh> from = List.of(a.at(pair[0]).orElseThrow(), b.at(pair[0]).orElseThrow());
        List<FaceMesh> to = List.of(a.at(pair[1]).orElseThrow(), b.at(pair[1]).orElseThrow());
        return MeshPlanarity.residual(from, to);
    }

    private static FaceChallengeResult mark(FaceChallengeResult r, double residual) {
        Map<String, Object> evidence = new LinkedHashMap<>(r.evidence());
        double rounded = Math.round(residual * 10000) / 10000.0;
        Object before = evidence.get("commonPlanarityFaceWidths");
        evidence.put("commonPlanarityFaceWidths", before instanceof Double d ? Math.min(d, rounded) : rounded);
        boolean judged = r.verdict() == FaceChallengeVerdict.FOLLOWED || r.verdict() == FaceChallengeVerdict.NOT_FOLLOWED;
        if (judged && residual < ChallengeAnalysis.PLANAR_MAX_FACE_WIDTHS) {
            return new FaceChallengeResult(r.face(), FaceChallengeVerdict.PLANAR, "COMMON_PLANE", evidence);
        }
        return new FaceChallengeResult(r.face(), r.verdict(), r.reason(), evidence);
    }
}
