package org.sadasya.challenge;

import java.util.List;
import org.sadasya.face.challenge.ChallengeStep;

/**
 * Where a ticket's steps come from: the server draws them, the client never chooses. The default
 * is {@link RandomChallengeSteps}; a test declares its own bean of this type to know the steps.
 */
@FunctionalInterface
public interface ChallengeStepSource {

    /** The steps of one new ticket, in the order they are shown. */
    List<ChallengeStep> next();
}
