package org.sadasya.decision;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.sadasya.face.FaceBox;

/**
 * The outcome of verifying one enrolment.
 *
 * @param verdict         accepted, rejected or review
 * @param reasons         every rule that ran, in rule order
 * @param memberEmbedding the member's face embedding, when a member face was found (stored with an accepted member)
 * @param modelVersion    the face models that produced the embedding
 * @param perceptualHash  the photo's 64-bit difference hash, when the photo could be decoded
 * @param memberFaceBox   where the member's face is in the photo, as fractions of the photo's width and
 *                        height (so it holds for any decoding of the photo); null without a member face.
 *                        Kept so that a membership card can crop the face without running the engine again.
 */
public record Decision(
        Verdict verdict, List<RuleResult> reasons, float[] memberEmbedding, String modelVersion, OptionalLong perceptualHash,
        FaceBox memberFaceBox) {

    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(perceptualHash, "perceptualHash");
        if (verdict == Verdict.ACCEPTED && memberEmbedding == null) {
            throw new IllegalArgumentException("an accepted decision needs the member's face embedding");
        }
    }

    public static Decision of(List<RuleResult> reasons, float[] memberEmbedding, String modelVersion, OptionalLong hash) {
        return of(reasons, memberEmbedding, modelVersion, hash, null);
    }

    public static Decision of(List<RuleResult> reasons, float[] memberEmbedding, String modelVersion, OptionalLong hash,
            FaceBox memberFaceBox) {
        return new Decision(Verdict.of(reasons), reasons, memberEmbedding, modelVersion, hash, memberFaceBox);
    }
}
