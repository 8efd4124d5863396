package org.sadasya.face.detect;

/**
 * The two resampling operations of the reference pipeline, with TensorFlow's exact rules, so the
 * models see the same numbers the original JavaScript stack gave them.
 */
public final class Resampling {
    private Resampling() {}

    /**
     * {@code tf.image.resizeBilinear} with alignCorners=false, halfPixelCenters=false (the legacy
     * TF1 rule: source = destination × in/out; top = floor, bottom = min(ceil, in−1)).
     *
     * @param scale multiplies every output value (e.g. 255 to turn 0..1 into 0..255)
     */
    public static float[] resizeBilinear(Pixels in, int outHeight, int outWidth, float scale) {
        int inH = in.height();
        int inW = in.width();
        double rowRatio = (double) inH / outHeight;
        double colRatio = (double) inW / outWidth;
        float[] out = new float[outHeight * outWidth * 3];
        int[] colFloor = new int[outWidth];
        int[] colCeil = new int[outWidth];
        double[] colFrac = new double[outWidth];
        for (int c = 0; c < outWidth; c++) {
            double src = colRatio * c;
            colFloor[c] = (int) Math.floor(src);
            colCeil[c] = Math.min(inW - 1, (int) Math.ceil(src));
            colFrac[c] = src - colFloor[c];
        }
        int o = 0;
        for (int r = 0; r < outHeight; r++) {
            double srcRow = rowRatio * r;
            int top = (int) Math.floor(srcRow);
            int bottom = Math.min(inH - 1, (int) Math.ceil(srcRow));
            double rowFrac = srcRow - top;
            for (int c = 0; c < outWidth; c++) {
                for (int ch = 0; ch < 3; ch++) {
                    double tl = in.at(top, colFloor[c], ch);
                    double tr = in.at(top, colCeil[c], ch);
                    double bl = in.at(bottom, colFloor[c], ch);
                    double br = in.at(bottom, colCeil[c], ch);
                    double topValue = tl + (tr - tl) * colFrac[c];
                    double bottomValue = bl + (br - bl) * colFrac[c];
                    float v = (float) (topValue + (bottomValue - topValue) * rowFrac);
                    out[o++] = scale == 1f ? v : v * scale;
                }
            }
        }
        return out;
    }

    /**
     * {@code tf.image.cropAndResize} of one box, bilinear, extrapolation value 0: samples outside the
     * image are black. The box is given in pixels (x1, y1, x2, y2) and normalised the way the
     * reference does (÷ width/height, stored as float32) before TF's sampling rule
     * {@code in = y1·(H−1) + i·(y2−y1)·(H−1)/(size−1)}.
     *
     * @param divisor divides every output value (255 turns 0..255 into 0..1, as {@code tf.div} does)
     */
    public static float[] cropAndResize(Pixels in, double x1, double y1, double x2, double y2, int size, float divisor) {
        int h = in.height();
        int w = in.width();
        double ny1 = (float) (y1 / h);
        double nx1 = (float) (x1 / w);
        double ny2 = (float) (y2 / h);
        double nx2 = (float) (x2 / w);
        double heightScale = size > 1 ? (ny2 - ny1) * (h - 1) / (size - 1) : 0;
        double widthScale = size > 1 ? (nx2 - nx1) * (w - 1) / (size - 1) : 0;
        float[] out = new float[size * size * 3];
        for (int y = 0; y < size; y++) {
            double inY = size > 1 ? ny1 * (h - 1) + y * heightScale : 0.5 * (ny1 + ny2) * (h - 1);
            if (inY < 0 || inY > h - 1) {
                continue; // whole row outside: stays 0
            }
            int top = (int) Math.floor(inY);
            int bottom = (int) Math.ceil(inY);
            double yLerp = inY - top;
            for (int x = 0; x < size; x++) {
                double inX = size > 1 ? nx1 * (w - 1) + x * widthScale : 0.5 * (nx1 + nx2) * (w - 1);
                if (inX < 0 || inX > w - 1) {
                    continue;
                }
                int left = (int) Math.floor(inX);
                int right = (int) Math.ceil(inX);
                double xLerp = inX - left;
                int o = (y * size + x) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    double tl = in.at(top, left, ch);
                    double tr = in.at(top, right, ch);
                    double bl = in.at(bottom, left, ch);
                    double br = in.at(bottom, right, ch);
                    double topValue = tl + (tr - tl) * xLerp;
                    double bottomValue = bl + (br - bl) * xLerp;
                    float v = (float) (topValue + (bottomValue - topValue) * yLerp);
                    out[o + ch] = v / divisor;
                }
            }
        }
        return out;
    }
}
