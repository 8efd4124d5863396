package org.sadasya.face.challenge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a face's pose sequence followed the ticket's steps, in order and in time. Each step is
 * judged on the frames from its start until shortly after the next step starts (people react to a
 * prompt with a delay), relative to the face's frontal baseline.
 */
public final class StepFollowing {
    /**
     * A turn must reach this yaw from the baseline. People asked to turn their head turn 30–60°
     * (the tuning clip shenasa/live_head_turns_yaw_pitch: ±50°); a flat picture tilted by 35° in
     * front of the camera reads as at most about 10° of yaw (synthesised prints and screens of the
     * tuning photos deepface img1, img2, img5), so 20° keeps both margins.
     */
    public static final double TURN_MIN_DEGREES = 20;
    /** Looking up must reach this pitch from the baseline (a deliberate look-up is 20–45°; a tilted picture reads ≤ 6°). */
    static final double LOOK_UP_MIN_DEGREES = 15;
    /** "Look at the camera": the step's frames within this of the baseline in yaw and pitch (median). */
    static final double FRONTAL_MAX_DEGREES = 12;
    /**
     * How long after the next step starts a frame still counts for this one: a choice reaction to a
     * visual prompt takes 300–450 ms, and the head then needs a few hundred ms to get there.
     */
    static final long REACTION_MS = 500;

    /** One step's reading. */
    record StepReading(String step, double measuredDegrees, boolean followed) {}

    /** The readings, and the baseline they are relative to. */
    record Result(List<StepReading> steps, HeadPose baseline) {
        boolean followed() {
            return steps.stream().allMatch(StepReading::followed);
        }

        Map<String, Object> evidence() {
            List<Object> list = new ArrayList<>();
            for (StepReading s : steps) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("step", s.step());
                if (Double.isFinite(s.measuredDegrees())) {
                    m.put("measuredDegrees", round(s.measuredDegrees()));
                }
                m.put("followed", s.followed());
                list.add(m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("steps", list);
            out.put("baselineYawDegrees", round(baseline.yawDegrees()));
            out.put("baselinePitchDegrees", round(baseline.pitchDegrees()));
            return out;
        }
    }

    private StepFollowing() {}

    /**
     * @param poses one pose per frame, null where the face was lost
     */
    static Result judge(List<HeadPose> poses, BurstTiming timing) {
        HeadPose baseline = baseline(poses, timing);
        List<StepReading> readings = new ArrayList<>();
        for (int k = 0; k < timing.steps().size(); k++) {
            ChallengeStep step = timing.steps().get(k);
            List<HeadPose> window = relative(window(poses, timing, k, 0, REACTION_MS), baseline);
            List<HeadPose> core = relative(window(poses, timing, k, REACTION_MS, 0), baseline);
            readings.add(read(step, window, core));
        }
        return new Result(readings, baseline);
    }

    private static List<HeadPose> relative(List<HeadPose> poses, HeadPose baseline) {
        return poses.stream().map(p -> p.minus(baseline)).toList();
    }

    /**
     * @param window the frames that may show the step (from its start until shortly after the next starts)
     * @param core   the frames when only this step can be meant (after the reaction time, before the next)
     */
    private static StepReading read(ChallengeStep step, List<HeadPose> window, List<HeadPose> core) {
        if (window.isEmpty()) {
            return new StepReading(step.name(), Double.NaN, false);
        }
        double maxYaw = window.stream().mapToDouble(HeadPose::yawDegrees).max().orElseThrow();
        double minYaw = window.stream().mapToDouble(HeadPose::yawDegrees).min().orElseThrow();
        // pitch read off a strongly turned face mixes in yaw (the chin-forehead line foreshortens
        // unevenly), and a person looking up does not turn: judge it on the frames that face the camera
        double maxPitch = window.stream().filter(p -> Math.abs(p.yawDegrees()) < TURN_MIN_DEGREES)
                .mapToDouble(HeadPose::pitchDegrees).max().orElse(Double.NaN);
        // a turn the other way while only this step can be meant is a video that shakes, not a person following
        double coreMaxYaw = core.stream().mapToDouble(HeadPose::yawDegrees).max().orElse(0);
        double coreMinYaw = core.stream().mapToDouble(HeadPose::yawDegrees).min().orElse(0);
        return switch (step) {
            case TURN_LEFT -> new StepReading(step.name(), maxYaw, maxYaw >= TURN_MIN_DEGREES && coreMinYaw > -TURN_MIN_DEGREES);
            case TURN_RIGHT -> new StepReading(step.name(), -minYaw, -minYaw >= TURN_MIN_DEGREES && coreMaxYaw < TURN_MIN_DEGREES);
            case LOOK_UP -> new StepReading(step.name(), maxPitch, maxPitch >= LOOK_UP_MIN_DEGREES);
            case FACE_CAMERA -> {
                // most of the step's own frames near the baseline: one frontal frame while passing
                // through (or the first frame, which is the baseline) is not looking at the camera
                double typical = ChallengeAnalysis.median((core.isEmpty() ? window : core).stream()
                        .mapToDouble(p -> Math.max(Math.abs(p.yawDegrees()), Math.abs(p.pitchDegrees()))).toArray());
                yield new StepReading(step.name(), typical, typical <= FRONTAL_MAX_DEGREES);
            }
        };
    }

    /** The poses of the frames taken from {@code delay} after step k's start until {@code overlap} after the next step's start. */
    static List<HeadPose> window(List<HeadPose> poses, BurstTiming timing, int k, long delay, long overlap) {
        long from = timing.stepStartsMs().get(k) + delay;
        long to = k + 1 < timing.steps().size() ? timing.stepStartsMs().get(k + 1) + overlap : Long.MAX_VALUE;
        List<HeadPose> out = new ArrayList<>();
        for (int i = 0; i < poses.size(); i++) {
            long t = timing.frameTimesMs().get(i);
            if (t >= from && t < to && poses.get(i) != null) {
                out.add(poses.get(i));
            }
        }
        return out;
    }

    /**
     * The face's frontal pose: the first tracked frame, taken as the first prompt appears and
     * before anyone can react to it. Not the frames of a FACE_CAMERA step: those are what the step
     * is judged on, and a baseline from them would pass any pose.
     */
    static HeadPose baseline(List<HeadPose> poses, BurstTiming timing) {
        return poses.stream().filter(p -> p != null).findFirst().orElse(new HeadPose(0, 0));
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
