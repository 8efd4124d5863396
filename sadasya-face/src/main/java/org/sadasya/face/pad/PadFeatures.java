package org.sadasya.face.pad;

import java.util.ArrayList;
import java.util.List;
import org.sadasya.face.FaceBox;
import org.sadasya.face.LivenessScore;
import org.sadasya.face.image.RgbImage;

/**
 * The feature vectors the presentation-attack classifiers read.
 *
 * <p>Per face: the colour texture of the face box (354), the recapture cues of the face box (10)
 * and of its context — the box enlarged {@value #CONTEXT_SCALE}× about its centre, where the edge of
 * a held print or phone shows (10) — and the logits of the packaged {@code antispoof} and
 * {@code liveness} models (2).
 *
 * <p>Whole image: the recapture cues of the whole picture (10). Deliberately no texture histogram:
 * the training images are mostly tight face crops, and a texture model of whole scenes learned from
 * them would be judging wide two-person selfies it has never seen.
 */
public final class PadFeatures {

    /** The context region is the face box scaled by this factor about its centre. */
    public static final double CONTEXT_SCALE = 2.0;
    public static final int FACE_LENGTH = ColourTextureFeatures.LENGTH + 2 * RecaptureCues.LENGTH + 2;
    public static final int IMAGE_LENGTH = RecaptureCues.LENGTH;

    /**
     * Faces narrower than this are never auto-rejected (their verdict is capped at doubt). The
     * texture is read at 64 × 64, so a smaller face is judged on interpolated pixels, and the
     * training faces are larger: data/pad faces are 50–922 px wide (10th percentile 91 px for
     * attacks, 136 px for genuine). Without the cap, 20 of the 45 small faces (21–95 px, median
     * 38) in the genuine group photos of data/faces/multi/dlib were called spoof.
     */
    public static final double MIN_JUDGED_FACE_WIDTH_PX = 64;

    private PadFeatures() {}

    /** The ladder's verdict for a face, capped at doubt when the face is too small to judge. */
    public static org.sadasya.face.LivenessVerdict capForSize(org.sadasya.face.LivenessVerdict v, double faceWidthPx) {
        return v == org.sadasya.face.LivenessVerdict.SPOOF && faceWidthPx < MIN_JUDGED_FACE_WIDTH_PX
                ? org.sadasya.face.LivenessVerdict.DOUBT : v;
    }

    public static double[] face(RgbImage image, FaceBox box, double antispoofReal, double livenessLive) {
        double[] out = new double[FACE_LENGTH];
        int o = 0;
        double[] texture = ColourTextureFeatures.of(image, box);
        System.arraycopy(texture, 0, out, o, texture.length);
        o += texture.length;
        double[] cues = RecaptureCues.of(image, box).toArray();
        System.arraycopy(cues, 0, out, o, cues.length);
        o += cues.length;
        double[] context = RecaptureCues.of(image, scaled(box, CONTEXT_SCALE)).toArray();
        System.arraycopy(context, 0, out, o, context.length);
        o += context.length;
        out[o++] = logit(antispoofReal);
        out[o] = logit(livenessLive);
        return out;
    }

    public static double[] image(RgbImage image) {
        return RecaptureCues.of(image, new FaceBox(0, 0, image.width(), image.height())).toArray();
    }

    public static List<String> faceNames() {
        List<String> names = new ArrayList<>(List.of(ColourTextureFeatures.names()));
        names.addAll(List.of(RecaptureCues.names("face_")));
        names.addAll(List.of(RecaptureCues.names("context_")));
        names.add("antispoofLogit");
        names.add("livenessLogit");
        return names;
    }

    public static List<String> imageNames() {
        return List.of(RecaptureCues.names("image_"));
    }

    /** Features of one face given its engine-side liveness evidence. */
    public static double[] face(RgbImage image, FaceBox box, LivenessScore raw) {
        return face(image, box, raw.antispoofReal(), raw.livenessLive());
    }

    static FaceBox scaled(FaceBox box, double factor) {
        double w = box.width() * factor;
        double h = box.height() * factor;
        return new FaceBox(box.centerX() - w / 2, box.centerY() - h / 2, w, h);
    }

    /** Log-odds of a probability, clamped to ±9 so that a saturated model output stays finite. */
    static double logit(double p) {
        if (Double.isNaN(p)) {
            return 0;
        }
        double q = Math.min(1 - 1e-4, Math.max(1e-4, p));
        return Math.log(q / (1 - q));
    }
}
