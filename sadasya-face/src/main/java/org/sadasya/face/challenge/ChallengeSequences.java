package org.sadasya.face.challenge;

import static org.sadasya.face.challenge.ChallengeStep.FACE_CAMERA;

import java.util.ArrayList;
import java.util.List;

/**
 * Which step sequences a ticket may ask for. A sequence is one a person can follow in a 2.5–3 s
 * burst and one that tells a head from a picture:
 * <ul>
 *   <li>it starts with a movement, not {@code FACE_CAMERA}: both people already face the camera when
 *       the burst starts, so a first "look at the camera" would ask for nothing a photo cannot do;</li>
 *   <li>no step follows itself ("turn left, turn left" is one step shown twice);</li>
 *   <li>it ends on {@code FACE_CAMERA}: the still is taken right after the last frame and must be
 *       frontal, for the worker match (1:1) and the duplicate search (1:N).</li>
 * </ul>
 * With three steps that leaves 6 sequences, with four 21 ({@code ChallengeSequencesTest} counts them).
 */
public final class ChallengeSequences {

    public static final int MIN_STEPS = 3;
    public static final int MAX_STEPS = 8;

    private ChallengeSequences() {}

    public static boolean followable(List<ChallengeStep> steps) {
        if (steps.size() < MIN_STEPS || steps.size() > MAX_STEPS || steps.get(0) == FACE_CAMERA
                || steps.get(steps.size() - 1) != FACE_CAMERA) {
            return false;
        }
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i) == steps.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /** Every followable sequence of {@code length} steps, in a fixed order. */
    public static List<List<ChallengeStep>> all(int length) {
        if (length < MIN_STEPS || length > MAX_STEPS) {
            throw new IllegalArgumentException("a ticket has " + MIN_STEPS + " to " + MAX_STEPS + " steps, not " + length);
        }
        List<List<ChallengeStep>> out = new ArrayList<>();
        extend(new ArrayList<>(), length, out);
        return List.copyOf(out);
    }

    private static void extend(List<ChallengeStep> prefix, int length, List<List<ChallengeStep>> out) {
        if (prefix.size() == length) {
            if (followable(prefix)) {
                out.add(List.copyOf(prefix));
            }
            return;
        }
        for (ChallengeStep s : ChallengeStep.values()) {
            prefix.add(s);
            extend(prefix, length, out);
            prefix.remove(prefix.size() - 1);
        }
    }
}
