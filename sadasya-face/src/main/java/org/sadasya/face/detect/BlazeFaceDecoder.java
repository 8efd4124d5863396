package org.sadasya.face.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns blazeface's raw outputs into face candidates, as human's {@code blazeface.ts} does:
 * anchors of strides 16 and 32 (2 and 6 per cell) with no anchor size, offsets already in pixels
 * of the 256 input, sigmoid scores, then TensorFlow's greedy non-maximum suppression.
 */
public final class BlazeFaceDecoder {
    /** Side of the detector input, pixels. */
    public static final int INPUT_SIZE = 256;
    private static final int ANCHORS = 896;
    private static final int COLUMNS = 17; // score, cx, cy, w, h, 6 × (x, y)
    private static final float[][] ANCHOR_CENTRES = anchors();

    private BlazeFaceDecoder() {}

    /**
     * @param outputs        the four graph outputs by name
     * @param maxDetections  NMS output limit
     * @param iouThreshold   suppress a box whose IoU with a kept one is above this
     * @param scoreThreshold minimum score to be a candidate
     * @param scaleX         image pixels per detector pixel horizontally (image width / 256)
     * @param scaleY         image pixels per detector pixel vertically
     */
    public static List<DetectorCandidate> decode(Map<String, float[]> outputs, int maxDetections,
            double iouThreshold, double scoreThreshold, double scaleX, double scaleY) {
        float[][] rows = merge(outputs);
        float[] scores = new float[ANCHORS];
        float[][] boxes = new float[ANCHORS][];
        for (int i = 0; i < ANCHORS; i++) {
            float[] r = rows[i];
            float cx = r[1] + ANCHOR_CENTRES[i][0];
            float cy = r[2] + ANCHOR_CENTRES[i][1];
            // float32 arithmetic in the reference's order: centre/256 ∓ (size/256)/2, then × 256
            float halfW = r[3] / INPUT_SIZE / 2f;
            float halfH = r[4] / INPUT_SIZE / 2f;
            boxes[i] = new float[] {
                (cx / INPUT_SIZE - halfW) * INPUT_SIZE, (cy / INPUT_SIZE - halfH) * INPUT_SIZE,
                (cx / INPUT_SIZE + halfW) * INPUT_SIZE, (cy / INPUT_SIZE + halfH) * INPUT_SIZE};
            scores[i] = (float) (1 / (1 + Math.exp(-r[0])));
        }
        List<Integer> kept = nonMaxSuppression(boxes, scores, maxDetections, iouThreshold, scoreThreshold);
        List<DetectorCandidate> out = new ArrayList<>();
        for (int i : kept) {
            float[] b = boxes[i];
            double[] landmarks = new double[12];
            for (int k = 0; k < 6; k++) {
                landmarks[2 * k] = (rows[i][5 + 2 * k] + ANCHOR_CENTRES[i][0]) * scaleX;
                landmarks[2 * k + 1] = (rows[i][6 + 2 * k] + ANCHOR_CENTRES[i][1]) * scaleY;
            }
            out.add(new DetectorCandidate(scores[i], i, b[0] * scaleX, b[1] * scaleY, b[2] * scaleX, b[3] * scaleY, landmarks));
        }
        return out;
    }

    /** The anchor centre (x, y) of anchor {@code index}, in detector pixels. */
    public static float[] anchor(int index) {
        return ANCHOR_CENTRES[index].clone();
    }

    /** [896][17]: the 512 stride-16 rows (Identity, Identity_2), then the 384 stride-32 rows. */
    private static float[][] merge(Map<String, float[]> o) {
        float[][] rows = new float[ANCHORS][COLUMNS];
        fill(rows, 0, 512, o.get("Identity"), o.get("Identity_2"));
        fill(rows, 512, 384, o.get("Identity_1"), o.get("Identity_3"));
        return rows;
    }

    private static void fill(float[][] rows, int offset, int count, float[] scores, float[] regressors) {
        if (scores.length != count || regressors.length != count * 16) {
            throw new IllegalArgumentException("unexpected blazeface output sizes " + scores.length + "/" + regressors.length);
        }
        for (int i = 0; i < count; i++) {
            rows[offset + i][0] = scores[i];
            System.arraycopy(regressors, i * 16, rows[offset + i], 1, 16);
        }
    }

    private static float[][] anchors() {
        float[][] a = new float[ANCHORS][];
        int n = 0;
        int[] strides = {16, 32};
        int[] perCell = {2, 6};
        for (int s = 0; s < strides.length; s++) {
            int grid = INPUT_SIZE / strides[s];
            for (int gy = 0; gy < grid; gy++) {
                for (int gx = 0; gx < grid; gx++) {
                    for (int k = 0; k < perCell[s]; k++) {
                        a[n++] = new float[] {strides[s] * (gx + 0.5f), strides[s] * (gy + 0.5f)};
                    }
                }
            }
        }
        return a;
    }

    /**
     * TensorFlow's greedy NMS: candidates above the score threshold by descending score (stable for
     * ties, lower index first), each kept unless its IoU with an already kept box exceeds the threshold.
     */
    static List<Integer> nonMaxSuppression(float[][] boxes, float[] scores, int max, double iouThreshold,
            double scoreThreshold) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        List<Integer> kept = new ArrayList<>();
        for (int i : order) {
            if (kept.size() >= max || scores[i] <= scoreThreshold) {
                break;
            }
            boolean suppressed = false;
            for (int k : kept) {
                if (iou(boxes[i], boxes[k]) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(i);
            }
        }
        return kept;
    }

    static double iou(float[] a, float[] b) {
        double aMinY = Math.min(a[0], a[2]), aMaxY = Math.max(a[0], a[2]);
        double aMinX = Math.min(a[1], a[3]), aMaxX = Math.max(a[1], a[3]);
        double bMinY = Math.min(b[0], b[2]), bMaxY = Math.max(b[0], b[2]);
        double bMinX = Math.min(b[1], b[3]), bMaxX = Math.max(b[1], b[3]);
        double areaA = (aMaxY - aMinY) * (aMaxX - aMinX);
        double areaB = (bMaxY - bMinY) * (bMaxX - bMinX);
        if (areaA <= 0 || areaB <= 0) {
            return 0;
        }
        double ih = Math.max(Math.min(aMaxY, bMaxY) - Math.max(aMinY, bMinY), 0);
        double iw = Math.max(Math.min(aMaxX, bMaxX) - Math.max(aMinX, bMinX), 0);
        double inter = ih * iw;
        return inter / (areaA + areaB - inter);
    }
}
