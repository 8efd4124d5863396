package org.sadasya.card;

import java.awt.image.BufferedImage;
import java.util.Optional;
import org.sadasya.face.FaceBox;
import org.sadasya.face.image.ImageIntake;
import org.sadasya.face.image.ImageLimits;
import org.sadasya.face.image.ImageRejectedException;

/**
 * The member's face cut from the enrolment photo, in memory only: the photo is decoded upright
 * (EXIF orientation applied, as the face engine saw it when it recorded the box), and the box the
 * verifier stored is widened to a 4:5 portrait with some hair and chin.
 */
public final class FaceCrop {

    /** The portrait's height over the face box's: the detector's box is the face alone, eyebrows to chin. */
    static final double HEAD_ROOM = 1.7;
    static final double ASPECT = 4.0 / 5.0;

    private static final ImageIntake INTAKE = new ImageIntake(ImageLimits.DEFAULT);

    private FaceCrop() {}

    /** @param face the box as fractions of the photo's width and height */
    public static Optional<BufferedImage> of(byte[] photo, FaceBox face) {
        BufferedImage img;
        try {
            img = INTAKE.decode(photo).image().toBufferedImage();
        } catch (ImageRejectedException e) {
            return Optional.empty();
        }
        int w = img.getWidth();
        int h = img.getHeight();
        double cropH = Math.min(h, face.height() * h * HEAD_ROOM);
        double cropW = Math.min(w, cropH * ASPECT);
        cropH = Math.min(cropH, cropW / ASPECT);
        double cx = face.centerX() * w;
        double cy = face.centerY() * h;
        int x = (int) Math.round(clamp(cx - cropW / 2, 0, w - cropW));
        int y = (int) Math.round(clamp(cy - cropH / 2, 0, h - cropH));
        int cw = Math.max(1, Math.min(w - x, (int) Math.round(cropW)));
        int ch = Math.max(1, Math.min(h - y, (int) Math.round(cropH)));
        return Optional.of(img.getSubimage(x, y, cw, ch));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
