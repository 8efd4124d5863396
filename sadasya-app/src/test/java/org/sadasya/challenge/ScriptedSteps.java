package org.sadasya.challenge;

import static org.sadasya.face.challenge.ChallengeStep.*;

import java.util.List;
import org.sadasya.face.challenge.ChallengeStep;

/** A step source whose next steps the test sets, replacing the server's random one as a bean. */
final class ScriptedSteps implements ChallengeStepSource {

    private volatile List<ChallengeStep> next = List.of(TURN_LEFT, LOOK_UP, FACE_CAMERA);

    void set(List<ChallengeStep> steps) {
        next = List.copyOf(steps);
    }

    @Override
    public List<ChallengeStep> next() {
        return next;
    }
}
