package org.sadasya.lab.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.challenge.ChallengeStep;
import org.sadasya.face.image.RgbImage;

/**
 * Bursts of a picture held in front of the camera by an attacker who sees the prompts: still (hand
 * jitter only), or tilted the way each prompt asks a little after it appears. Evaluation data only.
 */
public final class SynthesisedBursts {
    /** A burst as the app takes it: 10 frames over 2.7 s. */
    public static final int FRAMES = 10;
    public static final long SPAN_MS = 2700;
    /** An attacker reacts to a prompt about as fast as a person does. */
    static final long REACTION_MS = 300;
    /** How far a hand tilts a picture for a turn or a look-up, degrees out of plane. */
    static final double TURN_TILT = 35;
    static final double LOOK_UP_TILT = 25;

    private SynthesisedBursts() {}

    public static BurstTiming timing(List<ChallengeStep> ticket) {
        return BurstTiming.evenlySpaced(ticket, FRAMES, SPAN_MS);
    }

    /**
     * How the hand holds the picture in each frame: following the ticket's prompts ({@code follow}),
     * or held still; both with a hand's jitter of a degree or two and a few pixels.
     */
    public static List<PresentedSurface.Pose> hand(BurstTiming timing, boolean follow, long seed) {
        Random r = new Random(seed);
        List<PresentedSurface.Pose> poses = new ArrayList<>();
        double yaw = 0;
        double pitch = 0;
        for (long t : timing.frameTimesMs()) {
            double targetYaw = 0;
            double targetPitch = 0;
            if (follow) {
                ChallengeStep step = stepAt(timing, t - REACTION_MS);
                targetYaw = step == ChallengeStep.TURN_LEFT ? TURN_TILT : step == ChallengeStep.TURN_RIGHT ? -TURN_TILT : 0;
                targetPitch = step == ChallengeStep.LOOK_UP ? LOOK_UP_TILT : 0;
            }
            // a hand gets most of the way to the new tilt between two frames
            yaw += 0.7 * (targetYaw - yaw);
            pitch += 0.7 * (targetPitch - pitch);
            poses.add(new PresentedSurface.Pose(yaw + r.nextGaussian() * 1.5, pitch + r.nextGaussian() * 1.5,
                    r.nextGaussian() * 1.5, r.nextGaussian() * 3, r.nextGaussian() * 3, 1 + r.nextGaussian() * 0.02));
        }
        return poses;
    }

    /** The step shown at time t (the first before the burst starts). */
    static ChallengeStep stepAt(BurstTiming timing, long t) {
        int k = 0;
        for (int i = 0; i < timing.steps().size(); i++) {
            if (timing.stepStartsMs().get(i) <= t) {
                k = i;
            }
        }
        return timing.steps().get(k);
    }

    /** One picture on a surface, held at the given poses. */
    public static List<RgbImage> render(PresentedSurface surface, PresentedSurface.Look look, List<PresentedSurface.Pose> poses,
            long seed) {
        List<RgbImage> frames = new ArrayList<>();
        PresentedSurface.Pose previous = poses.get(0);
        for (int i = 0; i < poses.size(); i++) {
            frames.add(surface.frame(poses.get(i), look, previous, seed + i));
            previous = poses.get(i);
        }
        return frames;
    }

    /** A video (one picture per frame) on a screen, held at the given poses. */
    public static List<RgbImage> renderVideo(List<RgbImage> video, int width, int height, double share,
            PresentedSurface.Look look, List<PresentedSurface.Pose> poses, long seed) {
        List<RgbImage> frames = new ArrayList<>();
        PresentedSurface.Pose previous = poses.get(0);
        for (int i = 0; i < video.size(); i++) {
            frames.add(new PresentedSurface(video.get(i), width, height, share).frame(poses.get(i), look, previous, seed + i));
            previous = poses.get(i);
        }
        return frames;
    }
}
