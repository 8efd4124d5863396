package org.sadasya.face.challenge;

import java.util.List;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceMesh;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.image.RgbImage;

/**
 * Whether the tracked face is the still's person: a few frames, not all, are embedded and compared
 * with the still's embedding. The frames are the most frontal ones of each part of the burst (a
 * turned face embeds less like the frontal still, and a swap would have to happen in every part).
 */
final class SamePerson {
    private SamePerson() {}

    /** The lowest cosine similarity to the still over {@code count} frames spread over the burst. */
    static double lowestSimilarity(FaceEngine engine, FaceObservation still, FaceTrack track, List<HeadPose> poses,
            List<RgbImage> frames, int count) {
        double lowest = Double.POSITIVE_INFINITY;
        double factor = FaceTracker.cropToExtent(still);
        for (int part = 0; part < count; part++) {
            int from = part * poses.size() / count;
            int to = (part + 1) * poses.size() / count;
            int best = -1;
            for (int i = from; i < to; i++) {
                HeadPose p = poses.get(i);
                if (p != null && (best < 0 || frontalness(p) < frontalness(poses.get(best)))) {
                    best = i;
                }
            }
            if (best < 0) {
                continue;
            }
            FaceMesh mesh = track.at(best).orElseThrow();
            float[] embedding = engine.embedding(frames.get(best), FaceTracker.cropAround(mesh.extent(), factor));
            lowest = Math.min(lowest, FaceEngine.cosineSimilarity(embedding, still.embedding()));
        }
        return lowest == Double.POSITIVE_INFINITY ? 0 : lowest;
    }

    private static double frontalness(HeadPose p) {
        return Math.abs(p.yawDegrees()) + Math.abs(p.pitchDegrees()) * 0.5;
    }
}
