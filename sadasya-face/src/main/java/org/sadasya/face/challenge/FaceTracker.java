package org.sadasya.face.challenge;

import java.util.List;
import org.sadasya.face.FaceBox;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceMesh;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.image.RgbImage;

/**
 * Follows one face of the still through the burst as MediaPipe tracks: facemesh on a square crop
 * around where the face was in the neighbouring frame, the detector only when the mesh loses it.
 * It runs backwards from the last frame, which was taken just before the still, so the still's box
 * (scaled to the frame) is where the face starts.
 */
final class FaceTracker {
    /**
     * A re-detected face must overlap the box it was last seen in this much: between frames 100–300 ms
     * apart a head moves a fraction of its width, while the other person of the selfie stands a face
     * width or more away.
     */
    static final double REDETECT_MIN_IOU = 0.3;
    /**
     * For a still face without a mesh: the detector's crop is 1.4× a box that is a little smaller
     * than the mesh extent (forehead to chin), so about 1.3× the extent.
     */
    static final double DEFAULT_CROP_TO_EXTENT = 1.3;

    private final FaceEngine engine;

    FaceTracker(FaceEngine engine) {
        this.engine = engine;
    }

    /**
     * @param still       the face in the still
     * @param stillWidth  the still's width, pixels (frames may be smaller: coordinates scale by width)
     */
    FaceTrack track(FaceObservation still, int stillWidth, List<RgbImage> frames) {
        FaceMesh[] meshes = new FaceMesh[frames.size()];
        if (frames.isEmpty()) {
            return new FaceTrack(meshes);
        }
        double scale = frames.get(frames.size() - 1).width() / (double) stillWidth;
        FaceBox crop = scaled(still.cropBox(), scale);
        // The crop's size against the mesh extent, as the still's crop had it: keeps every crop the
        // framing facemesh was run with on the still.
        double cropToExtent = cropToExtent(still);
        for (int i = frames.size() - 1; i >= 0; i--) {
            RgbImage frame = frames.get(i);
            FaceMesh mesh = engine.mesh(frame, crop);
            if (!(mesh.score() > FaceEngine.meshGate())) {
                mesh = redetect(frame, crop);
            }
            if (mesh != null) {
                meshes[i] = mesh;
                crop = cropAround(mesh.extent(), cropToExtent);
            }
        }
        return new FaceTrack(meshes);
    }

    private FaceMesh redetect(RgbImage frame, FaceBox lastCrop) {
        FaceBox best = null;
        double bestIou = REDETECT_MIN_IOU;
        for (FaceBox candidate : engine.detectCrops(frame)) {
            double iou = candidate.iou(lastCrop);
            if (iou >= bestIou) {
                best = candidate;
                bestIou = iou;
            }
        }
        if (best == null) {
            return null;
        }
        FaceMesh mesh = engine.mesh(frame, best);
        return mesh.score() > FaceEngine.meshGate() ? mesh : null;
    }

    /** The still crop's side over its mesh extent's: every later crop keeps the framing facemesh saw on the still. */
    static double cropToExtent(FaceObservation still) {
        return still.mesh().isEmpty() ? DEFAULT_CROP_TO_EXTENT
                : still.cropBox().width() / side(new FaceMesh(still.meshScore(), still.mesh()).extent());
    }

    private static double side(FaceBox b) {
        return Math.max(1e-6, Math.max(b.width(), b.height()));
    }

    static FaceBox cropAround(FaceBox extent, double factor) {
        double side = side(extent) * factor;
        return new FaceBox(extent.centerX() - side / 2, extent.centerY() - side / 2, side, side);
    }

    static FaceBox scaled(FaceBox b, double s) {
        return new FaceBox(b.x() * s, b.y() * s, b.width() * s, b.height() * s);
    }
}
