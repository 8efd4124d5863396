package org.sadasya.face.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.model.OnnxModel;

/**
 * Finds face candidates with blazeface and turns each into the square crop box the per-face
 * models see.
 *
 * <p>{@link PipelineMode#REFERENCE} squashes the image to 256×256 and keeps at most 10 detections,
 * exactly as the original pipeline. {@link PipelineMode#DEFAULT} keeps the aspect ratio by
 * searching square tiles and a letterboxed square, also looks at a view with a wide black margin
 * (so a face that fills a passport-style photo shrinks into the detector's range), merges the
 * views, removes boxes nested in another face, and keeps up to {@value #DEFAULT_MAX_FACES} faces.
 */
public final class FaceDetector {
    /** Reference settings (golden/index.json "detectorConfig"). */
    static final int REFERENCE_MAX_FACES = 10;
    static final double IOU_THRESHOLD = 0.1;
    static final double SCORE_THRESHOLD = 0.2;
    /** Crop enlargement around the detector box (human's face.scale). */
    static final double CROP_SCALE = 1.4;

    static final int DEFAULT_MAX_FACES = 100;
    /**
     * The padded view places the image in a square this many times its longer side. At 2 a face
     * that fills the whole photo covers half the detector input, inside blazeface's range.
     */
    static final double PADDED_VIEW_FACTOR = 2.0;
    /** Photos longer than this ratio (long side / short side) are also searched in square tiles. */
    static final double TILE_ASPECT = 1.15;
    /** Tiles advance by at most this share of their side, so every face lies whole in one tile. */
    static final double TILE_STRIDE = 0.5;
    /** Two boxes overlapping this much are the same face found in two views. */
    static final double SAME_FACE_IOU = 0.5;
    /** A box with at least this share of its area inside another face's box is that face seen again (a partial face). */
    static final double NESTED_FRACTION = 0.3;

    private final OnnxModel blazeface;
    private final PipelineMode mode;

    public FaceDetector(OnnxModel blazeface, PipelineMode mode) {
        this.blazeface = blazeface;
        this.mode = mode;
    }

    /** A detected face: the detector's candidate and its rounded square crop box (x1, y1, x2, y2). */
    public record Detection(DetectorCandidate candidate, int[] cropBox) {}

    public List<Detection> detect(Pixels image) {
        List<DetectorCandidate> candidates = mode == PipelineMode.REFERENCE
                ? runView(image, 0, 0, image.width(), image.height(), REFERENCE_MAX_FACES)
                : detectDefault(image);
        List<Detection> out = new ArrayList<>();
        for (DetectorCandidate c : candidates) {
            out.add(new Detection(c, cropBox(c)));
        }
        return out;
    }

    /**
     * Views from finest to coarsest: square tiles along the long side of a non-square photo (faces
     * at the scale the short side gives them, no squashing), the whole photo squashed to a square
     * as the reference does, the whole photo letterboxed, then the photo small inside a wide black
     * margin. A coarser view only adds faces the finer ones missed.
     */
    private List<DetectorCandidate> detectDefault(Pixels image) {
        int w = image.width();
        int h = image.height();
        int side = Math.max(w, h);
        int shortSide = Math.min(w, h);
        List<List<DetectorCandidate>> views = new ArrayList<>();
        if (side > shortSide * TILE_ASPECT) {
            int tiles = (int) Math.ceil((side - shortSide) / (shortSide * TILE_STRIDE)) + 1;
            for (int t = 0; t < tiles; t++) {
                double offset = (side - shortSide) * (double) t / (tiles - 1);
                views.add(w > h
                        ? runView(image, offset, 0, shortSide, shortSide, DEFAULT_MAX_FACES)
                        : runView(image, 0, offset, shortSide, shortSide, DEFAULT_MAX_FACES));
            }
        }
        views.add(runView(image, 0, 0, w, h, DEFAULT_MAX_FACES)); // the reference's squashed view
        views.add(runView(image, (w - side) / 2.0, (h - side) / 2.0, side, side, DEFAULT_MAX_FACES));
        double padded = side * PADDED_VIEW_FACTOR;
        views.add(runView(image, (w - padded) / 2.0, (h - padded) / 2.0, padded, padded, DEFAULT_MAX_FACES));
        return mergeViews(views);
    }

    /**
     * Runs blazeface on the region (left, top, width, height) of the image (it may extend past the
     * image; outside is black) squashed to 256×256, and returns candidates in image pixels.
     */
    private List<DetectorCandidate> runView(Pixels image, double left, double top, double width, double height, int max) {
        int n = BlazeFaceDecoder.INPUT_SIZE;
        float[] input;
        if (left == 0 && top == 0 && width == image.width() && height == image.height()) {
            input = Resampling.resizeBilinear(image, n, n, 1f);
        } else {
            input = Resampling.cropAndResize(image, left, top, left + width, top + height, n, 1f);
        }
        for (int i = 0; i < input.length; i++) {
            input[i] = input[i] / 127.5f - 1f; // the reference divides, then subtracts, in float32
        }
        Map<String, float[]> outputs = blazeface.run(input, 1);
        List<DetectorCandidate> raw = BlazeFaceDecoder.decode(outputs, max, IOU_THRESHOLD, SCORE_THRESHOLD,
                width / n, height / n);
        if (left == 0 && top == 0) {
            return raw;
        }
        List<DetectorCandidate> shifted = new ArrayList<>();
        for (DetectorCandidate c : raw) {
            double[] lm = c.landmarks().clone();
            for (int k = 0; k < lm.length; k += 2) {
                lm[k] += left;
                lm[k + 1] += top;
            }
            shifted.add(new DetectorCandidate(c.score(), c.anchorIndex(),
                    c.x1() + left, c.y1() + top, c.x2() + left, c.y2() + top, lm));
        }
        return shifted;
    }

    /**
     * Merges the views' candidates into one face per person. Strongest first, a candidate that
     * overlaps, holds or sits inside an already kept face is the same face seen again (a half-face
     * found in a tight crop sits inside the whole face the padded view finds). A kept face then
     * takes the box of the finest view that saw it well (IoU above {@value #SAME_FACE_IOU}), since
     * a coarse view localises less precisely.
     */
    static List<DetectorCandidate> mergeViews(List<List<DetectorCandidate>> views) {
        record Seen(DetectorCandidate candidate, int view) {}
        List<Seen> all = new ArrayList<>();
        for (int v = 0; v < views.size(); v++) {
            for (DetectorCandidate c : views.get(v)) {
                all.add(new Seen(c, v));
            }
        }
        all.sort(Comparator.comparingDouble((Seen s) -> s.candidate().score()).reversed());
        List<Seen> kept = new ArrayList<>();
        for (Seen s : all) {
            DetectorCandidate c = s.candidate();
            boolean duplicate = kept.stream().map(Seen::candidate).anyMatch(k -> iou(c, k) > IOU_THRESHOLD
                    || nestedFraction(c, k) >= NESTED_FRACTION || nestedFraction(k, c) >= NESTED_FRACTION);
            if (!duplicate && kept.size() < DEFAULT_MAX_FACES) {
                kept.add(s);
            }
        }
        List<DetectorCandidate> out = new ArrayList<>();
        for (Seen k : kept) {
            Seen best = k;
            for (Seen s : all) {
                if (s.view() < best.view() && iou(s.candidate(), k.candidate()) > SAME_FACE_IOU) {
                    best = s;
                }
            }
            DetectorCandidate b = best.candidate();
            out.add(new DetectorCandidate(k.candidate().score(), b.anchorIndex(), b.x1(), b.y1(), b.x2(), b.y2(), b.landmarks()));
        }
        return out;
    }

    private static double iou(DetectorCandidate a, DetectorCandidate b) {
        double inter = intersection(a, b);
        double union = area(a) + area(b) - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Share of a's area inside b. */
    private static double nestedFraction(DetectorCandidate a, DetectorCandidate b) {
        return area(a) <= 0 ? 0 : intersection(a, b) / area(a);
    }

    private static double area(DetectorCandidate c) {
        return Math.max(0, c.x2() - c.x1()) * Math.max(0, c.y2() - c.y1());
    }

    private static double intersection(DetectorCandidate a, DetectorCandidate b) {
        double w = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double h = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** human's enlargeBox(1.4) then squarifyBox: side = longer edge, corners rounded with Math.round. */
    static int[] cropBox(DetectorCandidate c) {
        double cx = (c.x1() + c.x2()) / 2;
        double cy = (c.y1() + c.y2()) / 2;
        double w = Math.abs(c.x2() - c.x1()) * CROP_SCALE;
        double h = Math.abs(c.y2() - c.y1()) * CROP_SCALE;
        // enlargeBox builds new corners around the centre; squarifyBox re-derives centre and size from them
        double ex1 = cx - w / 2, ex2 = cx + w / 2, ey1 = cy - h / 2, ey2 = cy + h / 2;
        double scx = (ex1 + ex2) / 2, scy = (ey1 + ey2) / 2;
        double half = Math.max(Math.abs(ex2 - ex1), Math.abs(ey2 - ey1)) / 2;
        return new int[] {
            (int) Math.round(scx - half), (int) Math.round(scy - half),
            (int) Math.round(scx + half), (int) Math.round(scy + half)};
    }
}
