package org.sadasya.face.pad;

import java.util.List;
import java.util.Optional;
import org.sadasya.face.LivenessScore;
import org.sadasya.face.LivenessVerdict;

/**
 * The presentation-attack result for one image.
 *
 * @param faces         per face, in the order given: the engine's raw model outputs with the
 *                      calibrated {@code spoofScore} and the ladder's verdict
 * @param imageScore    calibrated spoof score of the whole-image recapture cues, 0..1
 * @param imageVerdict  the whole-image ladder's verdict
 * @param spoofScore    the image's final score: the worst face, or the maximum of that and the
 *                      whole-image score when the model uses the whole-image cues;
 *                      {@code NaN} when there is no face
 * @param verdict       the worst verdict over the faces and the whole image; empty when there is no
 *                      face (the CLI's {@code noface})
 * @param notes         why a verdict was raised beyond the scores (e.g. a face too small to reject)
 */
public record PadAssessment(
        List<LivenessScore> faces,
        double imageScore,
        LivenessVerdict imageVerdict,
        double spoofScore,
        Optional<LivenessVerdict> verdict,
        List<String> notes) {

    public PadAssessment {
        faces = List.copyOf(faces);
        notes = List.copyOf(notes);
    }

    /** The CLI label: {@code live}, {@code spoof}, {@code doubt} or {@code noface}. */
    public String label() {
        return verdict.map(LivenessVerdict::label).orElse("noface");
    }
}
