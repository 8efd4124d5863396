package org.sadasya.lab.challenge;

import java.util.Random;
import org.sadasya.face.image.RgbImage;

/**
 * Renders a picture held in front of a camera: a print or a screen as a (possibly bent) surface in
 * 3-D, seen through a pinhole camera, with the artefacts of a real presentation (hand jitter is the
 * caller's pose sequence; here blur, sensor noise, rolling shutter, moiré, gamut compression and
 * glare). Evaluation data only: the planar attacks that real clips are too few to show.
 */
public final class PresentedSurface {
    /** How the surface is held in one frame. */
    public record Pose(double yawDegrees, double pitchDegrees, double rollDegrees, double shiftX, double shiftY,
            double distance) {
        public static Pose frontal() {
            return new Pose(0, 0, 0, 0, 0, 1);
        }
    }

    /** The presentation's look, the same for every frame. */
    public record Look(double bend, double blurPixels, double noise, double moire, double gamut, double glare,
            double rollingShutter) {
        public static Look print() {
            return new Look(0, 0.6, 3, 0, 0.85, 0, 0);
        }

        public static Look screen() {
            return new Look(0, 0.6, 3, 0.12, 0.8, 0.35, 0);
        }

        public Look withBend(double b) {
            return new Look(b, blurPixels, noise, moire, gamut, glare, rollingShutter);
        }

        public Look withBlur(double b) {
            return new Look(bend, b, noise, moire, gamut, glare, rollingShutter);
        }

        public Look withRollingShutter(double r) {
            return new Look(bend, blurPixels, noise, moire, gamut, glare, r);
        }
    }

    private final RgbImage picture;
    private final int width;
    private final int height;
    /** Focal length in pixels: a phone's front camera sees about 65° across its long side. */
    private final double focal;
    /** The picture's size on screen at distance 1, as a share of the frame's width. */
    private final double pictureShare;

    public PresentedSurface(RgbImage picture, int width, int height, double pictureShare) {
        this.picture = picture;
        this.width = width;
        this.height = height;
        this.focal = 0.5 * Math.max(width, height) / Math.tan(Math.toRadians(32.5));
        this.pictureShare = pictureShare;
    }

    /** One camera frame of the surface held at {@code pose}; {@code seed} varies the noise. */
    public RgbImage frame(Pose pose, Look look, Pose previous, long seed) {
        double[] rgb = new double[width * height * 3];
        double[] r = rotation(pose);
        double[] rPrev = rotation(previous);
        double cx = width / 2.0;
        double cy = height / 2.0;
        // picture pixels per unit of surface: the picture spans pictureShare of the width at distance 1
        double surfaceWidth = pictureShare * width / focal;
        double unitsPerPixel = surfaceWidth / picture.width();
        for (int y = 0; y < height; y++) {
            // rolling shutter: rows exposed later see the surface further along its motion
            double t = look.rollingShutter() * (y / (double) height);
            double[] rr = t == 0 ? r : blend(rPrev, r, 1 + t);
            double sx = pose.shiftX() + t * (pose.shiftX() - previous.shiftX());
            double sy = pose.shiftY() + t * (pose.shiftY() - previous.shiftY());
            for (int x = 0; x < width; x++) {
                double[] uv = surfacePoint(x - cx, y - cy, rr, sx, sy, pose.distance(), look.bend(), surfaceWidth);
                int o = (y * width + x) * 3;
                if (uv == null) {
                    background(rgb, o, x, y);
                    continue;
                }
                double px = uv[0] / unitsPerPixel + picture.width() / 2.0;
                double py = uv[1] / unitsPerPixel + picture.height() / 2.0;
                if (px < 0 || py < 0 || px > picture.width() - 1 || py > picture.height() - 1) {
                    background(rgb, o, x, y);
                    continue;
                }
                sample(px, py, rgb, o);
                for (int c = 0; c < 3; c++) {
                    double v = 128 + (rgb[o + c] - 128) * look.gamut();
                    if (look.moire() > 0) {
                        v *= 1 - look.moire() * (0.5 + 0.5 * Math.sin(px * 2.9 + py * 0.4));
                    }
                    if (look.glare() > 0) {
                        double gx = (px / picture.width() - 0.7) * 3;
                        double gy = (py / picture.height() - 0.3) * 3;
                        v += 255 * look.glare() * Math.exp(-(gx * gx + gy * gy));
                    }
                    rgb[o + c] = v;
                }
            }
        }
        if (look.blurPixels() > 0) {
            rgb = boxBlur(rgb, Math.max(1, (int) Math.round(look.blurPixels())));
        }
        Random noise = new Random(seed);
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            double v = rgb[i] + noise.nextGaussian() * look.noise();
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        return new RgbImage(width, height, out);
    }

    /**
     * Where the camera ray through pixel offset (dx, dy) meets the surface, in surface units around
     * its centre, or null if it misses.
     */
    private double[] surfacePoint(double dx, double dy, double[] r, double sx, double sy, double distance,
            double bend, double surfaceWidth) {
        double[] d = {dx / focal, dy / focal, 1};
        double[] c = {sx / focal * distance, sy / focal * distance, distance};
        double[] n = {r[2], r[5], r[8]};
        double denom = n[0] * d[0] + n[1] * d[1] + n[2] * d[2];
        if (Math.abs(denom) < 1e-9) {
            return null;
        }
        double t = (n[0] * c[0] + n[1] * c[1] + n[2] * c[2]) / denom;
        double[] local = null;
        // a bent sheet: local depth = bend · u² (u in surface widths); a few fixed-point steps on t
        for (int it = 0; it < (bend == 0 ? 1 : 4); it++) {
            double[] p = {t * d[0] - c[0], t * d[1] - c[1], t * d[2] - c[2]};
            local = new double[] {
                r[0] * p[0] + r[3] * p[1] + r[6] * p[2],
                r[1] * p[0] + r[4] * p[1] + r[7] * p[2],
                r[2] * p[0] + r[5] * p[1] + r[8] * p[2]};
            if (bend == 0) {
                break;
            }
            double u = local[0] / surfaceWidth;
            double wanted = -bend * u * u * surfaceWidth;
            t += (wanted - local[2]) / denom;
        }
        return t <= 0 ? null : new double[] {local[0], local[1]};
    }

    /** Surface-to-camera rotation (roll about z, then pitch about x, then yaw about y), row-major. */
    static double[] rotation(Pose p) {
        double a = Math.toRadians(p.yawDegrees());
        double b = Math.toRadians(-p.pitchDegrees());
        double g = Math.toRadians(p.rollDegrees());
        double[] ry = {Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)};
        double[] rx = {1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)};
        double[] rz = {Math.cos(g), -Math.sin(g), 0, Math.sin(g), Math.cos(g), 0, 0, 0, 1};
        return mul(ry, mul(rx, rz));
    }

    private static double[] blend(double[] a, double[] b, double t) {
        double[] out = new double[9];
        for (int i = 0; i < 9; i++) {
            out[i] = a[i] + (b[i] - a[i]) * t;
        }
        return out;
    }

    private static double[] mul(double[] a, double[] b) {
        double[] out = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    out[3 * i + j] += a[3 * i + k] * b[3 * k + j];
                }
            }
        }
        return out;
    }

    private void sample(double px, double py, double[] rgb, int o) {
        int x0 = (int) Math.floor(px);
        int y0 = (int) Math.floor(py);
        int x1 = Math.min(x0 + 1, picture.width() - 1);
        int y1 = Math.min(y0 + 1, picture.height() - 1);
        double fx = px - x0;
        double fy = py - y0;
        byte[] p = picture.rgb();
        int w = picture.width();
        for (int c = 0; c < 3; c++) {
            double tl = p[(y0 * w + x0) * 3 + c] & 0xff;
            double tr = p[(y0 * w + x1) * 3 + c] & 0xff;
            double bl = p[(y1 * w + x0) * 3 + c] & 0xff;
            double br = p[(y1 * w + x1) * 3 + c] & 0xff;
            rgb[o + c] = (tl + (tr - tl) * fx) * (1 - fy) + (bl + (br - bl) * fx) * fy;
        }
    }

    /** A textured wall behind the picture, so that the frame has structure outside the picture too. */
    private static void background(double[] rgb, int o, int x, int y) {
        double v = 150 + 30 * Math.sin(x * 0.05) * Math.cos(y * 0.07);
        rgb[o] = v;
        rgb[o + 1] = v * 0.95;
        rgb[o + 2] = v * 0.85;
    }

    private double[] boxBlur(double[] rgb, int radius) {
        return blurPass(blurPass(rgb, radius, 1, 0), radius, 0, 1);
    }

    /** One 1-D box-blur pass along (dx, dy), edges clamped. */
    private double[] blurPass(double[] rgb, int radius, int dx, int dy) {
        double[] out = new double[rgb.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int xx = Math.min(width - 1, Math.max(0, x + k * dx));
                        int yy = Math.min(height - 1, Math.max(0, y + k * dy));
                        s += rgb[(yy * width + xx) * 3 + c];
                    }
                    out[(y * width + x) * 3 + c] = s / (2 * radius + 1);
                }
            }
        }
        return out;
    }
}
