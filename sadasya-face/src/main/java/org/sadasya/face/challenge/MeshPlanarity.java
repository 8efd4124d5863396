package org.sadasya.face.challenge;

import java.util.List;
import org.sadasya.face.FaceMesh;
import org.sadasya.face.Landmark;

/**
 * How badly one homography explains the motion of mesh points between two frames, in face widths.
 * A flat picture moves every point by one homography (up to the mesh's jitter); a head turning
 * moves the nose against the cheeks, which no homography follows. Facemesh's depth values are not
 * used: they are a learned prior and look 3-D on a flat photo too.
 */
final class MeshPlanarity {
    private MeshPlanarity() {}

    /** RMS reprojection error of the best homography from {@code a}'s points to {@code b}'s, over b's face width. */
    static double residual(FaceMesh a, FaceMesh b) {
        return residual(List.of(a), List.of(b));
    }

    /** The same for several faces moved by one common homography (a photo of two people), over their mean width. */
    static double residual(List<FaceMesh> a, List<FaceMesh> b) {
        int n = 0;
        for (FaceMesh m : a) {
            n += m.points().size();
        }
        double[] src = new double[2 * n];
        double[] dst = new double[2 * n];
        int k = 0;
        double width = 0;
        for (int f = 0; f < a.size(); f++) {
            List<Landmark> pa = a.get(f).points();
            List<Landmark> pb = b.get(f).points();
            for (int i = 0; i < pa.size(); i++) {
                src[2 * k] = pa.get(i).x();
                src[2 * k + 1] = pa.get(i).y();
                dst[2 * k] = pb.get(i).x();
                dst[2 * k + 1] = pb.get(i).y();
                k++;
            }
            width += b.get(f).extent().width();
        }
        width /= a.size();
        return Homography.fit(src, dst).rmsError(src, dst) / width;
    }
}
