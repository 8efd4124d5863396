package org.sadasya.challenge;

import java.security.SecureRandom;
import java.util.List;
import java.util.random.RandomGenerator;
import org.sadasya.face.challenge.ChallengeSequences;
import org.sadasya.face.challenge.ChallengeStep;

/**
 * The default step source: one of the {@link ChallengeSequences#all followable sequences}, each
 * equally likely, drawn with {@link SecureRandom} so that a worker cannot predict the next ticket.
 */
public final class RandomChallengeSteps implements ChallengeStepSource {

    private final List<List<ChallengeStep>> sequences;
    private final RandomGenerator random;

    public RandomChallengeSteps(int length, RandomGenerator random) {
        this.sequences = ChallengeSequences.all(length);
        this.random = random;
    }

    public RandomChallengeSteps(int length) {
        this(length, new SecureRandom());
    }

    /** How many different sequences this source draws from. */
    public int distinctSequences() {
        return sequences.size();
    }

    @Override
    public List<ChallengeStep> next() {
        return sequences.get(random.nextInt(sequences.size()));
    }
}
