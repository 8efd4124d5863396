package org.sadasya.face.pad;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sadasya.face.FaceBox;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.LivenessScore;
import org.sadasya.face.LivenessVerdict;
import org.sadasya.face.image.RgbImage;

/**
 * Judges each face of an image and the image as a whole for presentation attacks (a photo of a
 * photo or of a screen), with a calibrated score and a three-step verdict per face.
 *
 * <p>Each face is judged on its own, so a printed photo held beside a live face is caught even
 * though the other face is genuine. A single image cannot show that a face is live where the
 * detector was not trained (README-pad.md); the challenge burst ({@code face.challenge}) can.
 *
 * <p>Thread-safe and cheap: the model is a few hundred numbers.
 */
public final class PresentationAttackDetector {

    private final PadModel model;

    public PresentationAttackDetector(PadModel model) {
        this.model = model;
    }

    /**
     * The policy boundary for {@code live}: a face is live when its calibrated spoof probability is
     * below one half, i.e. it is more likely genuine than an attack. The trained ladder's own
     * {@code liveBelow} (at most 5 % of training attacks pass) sent 92 % of genuine faces to doubt
     * when held out by source, which would put nearly every enrolment in the review queue; at 0.5,
     * 40 % of the webcam genuine faces of data/pad and none of the photos of data/faces go to doubt,
     * and 37 % of attacks pass as live (README-pad.md). {@code spoof} stays as trained (at most 2 %
     * of genuine training faces rejected).
     */
    public static final double DEFAULT_LIVE_BELOW = 0.5;

    /** The bundled model with the default policy boundary ({@link #DEFAULT_LIVE_BELOW}). */
    public static PresentationAttackDetector bundled() {
        return bundled(DEFAULT_LIVE_BELOW);
    }

    /** The bundled model, calling a face {@code live} below the given calibrated spoof score. */
    public static PresentationAttackDetector bundled(double liveBelow) {
        return new PresentationAttackDetector(withLiveBelow(PadModel.bundled(), liveBelow));
    }

    /** The model with {@code live} below the given score ({@code spoof} as trained). */
    public static PadModel withLiveBelow(PadModel model, double liveBelow) {
        DecisionLadder trained = model.faceLadder();
        return model.withFaceLadder(new DecisionLadder(Math.min(liveBelow, trained.spoofFrom()), trained.spoofFrom()));
    }

    public PadModel model() {
        return model;
    }

    /** Judges each face of one image, and the whole image; motion across a burst is the challenge's ({@code face.challenge}). */
    public PadAssessment assess(RgbImage image, List<FaceObservation> faces) {
        List<String> notes = new ArrayList<>();
        List<LivenessScore> scores = new ArrayList<>(faces.size());
        double worst = Double.NEGATIVE_INFINITY;
        LivenessVerdict verdict = LivenessVerdict.LIVE;
        for (int i = 0; i < faces.size(); i++) {
            FaceObservation face = faces.get(i);
            LivenessScore raw = face.liveness();
            double antispoof = raw == null ? Double.NaN : raw.antispoofReal();
            double liveness = raw == null ? Double.NaN : raw.livenessLive();
            double score = faceScore(image, face.box(), antispoof, liveness);
            LivenessVerdict v = PadFeatures.capForSize(model.faceLadder().verdict(score), face.box().width());
            if (v != model.faceLadder().verdict(score)) {
                notes.add("face " + i + ": too small to reject automatically (" + Math.round(face.box().width()) + " px)");
            }
            scores.add(new LivenessScore(antispoof, liveness, score, v));
            worst = Math.max(worst, score);
            verdict = DecisionLadder.worst(verdict, v);
        }
        double imageScore = imageScore(image);
        LivenessVerdict imageVerdict = model.imageLadder().verdict(imageScore);
        if (faces.isEmpty()) {
            return new PadAssessment(scores, imageScore, imageVerdict, Double.NaN, Optional.empty(), notes);
        }
        if (imageVerdict != LivenessVerdict.LIVE) {
            notes.add("whole image: recapture cues " + imageVerdict.label() + String.format(" (%.3f)", imageScore));
        }
        verdict = DecisionLadder.worst(verdict, imageVerdict);
        double combined = model.imageLadder().fires() ? Math.max(worst, imageScore) : worst;
        return new PadAssessment(scores, imageScore, imageVerdict, combined, Optional.of(verdict), notes);
    }

    /** Calibrated spoof probability of one face. */
    public double faceScore(RgbImage image, FaceBox box, double antispoofReal, double livenessLive) {
        return model.face().spoofProbability(PadFeatures.face(image, box, antispoofReal, livenessLive));
    }

    /** Calibrated spoof probability from the whole-image recapture cues. */
    public double imageScore(RgbImage image) {
        return model.image().spoofProbability(PadFeatures.image(image));
    }
}
