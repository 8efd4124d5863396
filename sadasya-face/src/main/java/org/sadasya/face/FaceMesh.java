package org.sadasya.face;

import java.util.List;

/**
 * facemesh's reading of one square crop.
 *
 * @param score  the face flag, 0..1 (below {@link FaceEngine#meshGate()} there is no face in the crop)
 * @param points the 468 mesh points in image pixels (x, y; facemesh's depth is left out on purpose,
 *               see {@link FaceObservation#mesh()})
 */
public record FaceMesh(double score, List<Landmark> points) {
    public FaceMesh {
        points = List.copyOf(points);
        if (points.size() != FaceObservation.MESH_POINTS) {
            throw new IllegalArgumentException("a mesh has " + FaceObservation.MESH_POINTS + " points, not " + points.size());
        }
    }

    /** The tight box around the points. */
    public FaceBox extent() {
        double x1 = Double.MAX_VALUE, y1 = Double.MAX_VALUE, x2 = -Double.MAX_VALUE, y2 = -Double.MAX_VALUE;
        for (Landmark p : points) {
            x1 = Math.min(x1, p.x());
            y1 = Math.min(y1, p.y());
            x2 = Math.max(x2, p.x());
            y2 = Math.max(y2, p.y());
        }
        return FaceBox.ofCorners(x1, y1, x2, y2);
    }
}
