package org.sadasya.lab.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sadasya.face.challenge.ChallengeSequences;
import org.sadasya.face.challenge.ChallengeStep;

/**
 * Tickets as the server draws them: uniformly among {@link ChallengeSequences#all} of three steps, the
 * server's default length (start with a movement, no step twice in a row, end on FACE_CAMERA: 6
 * sequences, the fewest and so the easiest for a replayed video to match by chance). Seeded, so that
 * a figure can be reproduced.
 */
public final class TicketDraw {
    public static final int STEPS = 3;
    private static final List<List<ChallengeStep>> SEQUENCES = ChallengeSequences.all(STEPS);

    private final Random random;

    public TicketDraw(long seed) {
        this.random = new Random(seed);
    }

    public List<ChallengeStep> next() {
        return SEQUENCES.get(random.nextInt(SEQUENCES.size()));
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
