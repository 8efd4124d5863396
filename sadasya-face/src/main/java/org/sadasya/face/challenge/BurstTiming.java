package org.sadasya.face.challenge;

import java.util.List;

/**
 * When the phone showed each step and took each frame, in milliseconds from the first frame.
 *
 * @param steps        the ticket's steps, in the order shown
 * @param stepStartsMs when each step was shown; same length as {@code steps}, non-decreasing, first 0
 * @param frameTimesMs when each burst frame was taken; strictly increasing, first 0
 */
public record BurstTiming(List<ChallengeStep> steps, List<Long> stepStartsMs, List<Long> frameTimesMs) {

    public BurstTiming {
        steps = List.copyOf(steps);
        stepStartsMs = List.copyOf(stepStartsMs);
        frameTimesMs = List.copyOf(frameTimesMs);
        if (steps.isEmpty() || steps.size() != stepStartsMs.size()) {
            throw new IllegalArgumentException("one start time per step is needed");
        }
        for (int i = 1; i < stepStartsMs.size(); i++) {
            if (stepStartsMs.get(i) < stepStartsMs.get(i - 1)) {
                throw new IllegalArgumentException("step starts must not decrease");
            }
        }
        for (int i = 1; i < frameTimesMs.size(); i++) {
            if (frameTimesMs.get(i) <= frameTimesMs.get(i - 1)) {
                throw new IllegalArgumentException("frame times must increase");
            }
        }
    }

    /**
     * Frames evenly spaced over {@code durationMs} and the steps evenly split over them (the
     * command line's {@code liveness --list}, where no times are known).
     */
    public static BurstTiming evenlySpaced(List<ChallengeStep> steps, int frames, long durationMs) {
        List<Long> frameTimes = new java.util.ArrayList<>();
        for (int i = 0; i < frames; i++) {
            frameTimes.add(frames == 1 ? 0 : Math.round(i * (double) durationMs / (frames - 1)));
        }
        List<Long> starts = new java.util.ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            starts.add(Math.round(i * (double) durationMs / steps.size()));
        }
        return new BurstTiming(steps, starts, frameTimes);
    }
}
