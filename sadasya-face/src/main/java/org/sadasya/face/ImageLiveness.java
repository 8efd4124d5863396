package org.sadasya.face;

import java.util.List;
import java.util.Optional;

/**
 * Presentation-attack result for a whole image: its faces judged one by one, plus the whole-image
 * recapture cues.
 *
 * @param spoofScore the image's final calibrated score, 0..1 (the worst face, combined with the
 *                   whole-image cues where the model uses them); NaN when there is no face
 * @param verdict    the worst verdict over the faces and the whole image; empty when there is no face
 * @param imageScore calibrated score of the whole-image recapture cues alone
 * @param notes      why a verdict was raised beyond the scores (a face too small to reject, recapture cues of the whole image)
 */
public record ImageLiveness(double spoofScore, Optional<LivenessVerdict> verdict, double imageScore, List<String> notes) {
    /** For analyses made without presentation-attack detection. */
    public static final ImageLiveness NOT_ASSESSED = new ImageLiveness(Double.NaN, Optional.empty(), Double.NaN,
            List.of("not assessed"));

    public ImageLiveness {
        notes = List.copyOf(notes);
    }

    /** {@code live}, {@code spoof}, {@code doubt} or {@code noface}. */
    public String label() {
        return verdict.map(LivenessVerdict::label).orElse("noface");
    }
}
