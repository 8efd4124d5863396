package org.sadasya.face.eval.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sadasya.face.challenge.ChallengeStep;

/**
 * Tickets as the server draws them (DESIGN.md, "Capture and challenge"): steps from all four, no
 * step twice in a row, here the minimum of three (the fewest steps are the easiest for a replayed
 * video to match by chance: 4 · 3 · 3 = 36 sequences). Seeded, so that a figure can be reproduced.
 */
public final class TicketDraw {
    public static final int STEPS = 3;

    private final Random random;

    public TicketDraw(long seed) {
        this.random = new Random(seed);
    }

    public List<ChallengeStep> next() {
        ChallengeStep[] all = ChallengeStep.values();
        List<ChallengeStep> steps = new ArrayList<>();
        while (steps.size() < STEPS) {
            ChallengeStep s = all[random.nextInt(all.length)];
            if (steps.isEmpty() || steps.get(steps.size() - 1) != s) {
                steps.add(s);
            }
        }
        return List.copyOf(steps);
    }

    /** {@code count} tickets from a fresh draw with {@code seed}. */
    public static List<List<ChallengeStep>> draw(long seed, int count) {
        TicketDraw d = new TicketDraw(seed);
        List<List<ChallengeStep>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(d.next());
        }
        return out;
    }
}
