package org.sadasya.face.challenge;

import java.util.List;

/** The two frames between which a face's pose changed most: where parallax, if any, is largest. */
final class MotionPair {
    private MotionPair() {}

    /** Indexes {i, j} of the tracked frames farthest apart in (yaw, pitch); {0, 0} if fewer than two were tracked. */
    static int[] widest(List<HeadPose> poses) {
        int[] best = {0, 0};
        double bestDistance = -1;
        for (int i = 0; i < poses.size(); i++) {
            for (int j = i + 1; j < poses.size(); j++) {
                HeadPose a = poses.get(i);
                HeadPose b = poses.get(j);
                if (a == null || b == null) {
                    continue;
                }
                double d = Math.hypot(a.yawDegrees() - b.yawDegrees(), a.pitchDegrees() - b.pitchDegrees());
                if (d > bestDistance) {
                    bestDistance = d;
                    best = new int[] {i, j};
                }
            }
        }
        if (bestDistance < 0) {
            int any = poses.indexOf(poses.stream().filter(p -> p != null).findFirst().orElse(null));
            return new int[] {Math.max(0, any), Math.max(0, any)};
        }
        return best;
    }
}
