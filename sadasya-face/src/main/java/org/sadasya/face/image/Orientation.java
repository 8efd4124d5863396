package org.sadasya.face.image;

/**
 * Turns stored pixels upright according to the EXIF Orientation tag (EXIF 2.32, table 6; TIFF 6.0
 * tag 274). The tag tells where the stored row 0 and column 0 belong on the upright picture.
 * Phones store the sensor's landscape frame and set 6 for a portrait shot; browsers and the
 * phone's gallery apply it, so the user saw the upright picture and so must the face detector.
 */
final class Orientation {

    private Orientation() {}

    /** True when the orientation swaps width and height (5–8). */
    static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** The upright image; the same instance for orientation 1. */
    static RgbImage apply(RgbImage stored, int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8: " + orientation);
        }
        if (orientation == 1) {
            return stored;
        }
        int w = stored.width();
        int h = stored.height();
        int outW = swapsSides(orientation) ? h : w;
        int outH = swapsSides(orientation) ? w : h;
        byte[] src = stored.rgb();
        byte[] out = new byte[src.length];
        int o = 0;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                // (sx, sy): the stored pixel that lands at upright (x, y).
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }          // mirrored left-right
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }  // rotated 180°
                    case 4 -> { sx = x; sy = h - 1 - y; }          // mirrored top-bottom
                    case 5 -> { sx = y; sy = x; }                  // transposed
                    case 6 -> { sx = y; sy = h - 1 - x; }          // needs 90° clockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }  // transversed
                    default -> { sx = w - 1 - y; sy = x; }         // 8: needs 90° counter-clockwise
                }
                int s = (sy * w + sx) * 3;
                out[o++] = src[s];
                out[o++] = src[s + 1];
                out[o++] = src[s + 2];
            }
        }
        return new RgbImage(outW, outH, out);
    }
}
