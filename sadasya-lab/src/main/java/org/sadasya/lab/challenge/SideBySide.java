package org.sadasya.lab.challenge;

import org.sadasya.face.image.RgbImage;

/**
 * Two frames placed side by side in one: a two-face burst composed from two real one-person clips
 * (no real clip has two people following prompts). Two cameras, so the composition is not one
 * scene, but each face's own motion is real. Evaluation and benchmark data only.
 */
public final class SideBySide {
    private SideBySide() {}

    public static RgbImage compose(RgbImage left, RgbImage right) {
        int h = Math.max(left.height(), right.height());
        int w = left.width() + right.width();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            if (y < left.height()) {
                System.arraycopy(left.rgb(), y * left.width() * 3, out, y * w * 3, left.width() * 3);
            }
            if (y < right.height()) {
                System.arraycopy(right.rgb(), y * right.width() * 3, out, (y * w + left.width()) * 3, right.width() * 3);
            }
        }
        return new RgbImage(w, h, out);
    }
}
