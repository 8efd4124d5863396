package org.sadasya.worker;

import java.util.Map;
import org.sadasya.decision.FaceSelection;
import org.sadasya.decision.ReasonCode;
import org.sadasya.decision.RuleResult;
import org.sadasya.decision.VerificationPolicy;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.LivenessVerdict;

/**
 * Whether a photo can serve as a worker's reference face: exactly one clear face (FACE_COUNT) that
 * is not a presentation attack (LIVENESS). Pure domain code.
 */
public final class ReferenceFaceCheck {

    private ReferenceFaceCheck() {}

    /** The accepted face, or the first failed rule. */
    public sealed interface Result permits Accepted, Refused {}

    public record Accepted(FaceObservation face) implements Result {}

    public record Refused(RuleResult reason) implements Result {}

    public static Result check(ImageAnalysis analysis, VerificationPolicy policy) {
        FaceSelection sel = FaceSelection.of(analysis.faces(), policy, 1);
        if (sel.counted().isEmpty()) {
            return new Refused(RuleResult.reject(ReasonCode.FACE_COUNT, "no clear face in the photo",
                    Map.of("faces", 0)));
        }
        if (sel.similarThirdFace()) {
            return new Refused(RuleResult.reject(ReasonCode.FACE_COUNT, "more than one clear face in the photo",
                    Map.of("faces", 1 + sel.ignored().size())));
        }
        FaceObservation face = sel.counted().get(0);
        if (face.liveness() != null && face.liveness().verdict() == LivenessVerdict.SPOOF) {
            return new Refused(RuleResult.reject(ReasonCode.LIVENESS, "the face is a photo or a screen, not a person",
                    Map.of("spoofScore", face.liveness().spoofScore())));
        }
        return new Accepted(face);
    }

}
