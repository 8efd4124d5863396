package org.sadasya.face.pad;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.sadasya.face.image.RgbImage;

/** Test pictures built from real photos: warped prints, parallax "heads", gratings. */
final class SyntheticScenes {

    private SyntheticScenes() {}

    static RgbImage read(Path file) throws IOException {
        var image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("not an image: " + file);
        }
        return RgbImage.of(image);
    }

    /** {@code src} resampled to w × h (bilinear). */
    static RgbImage resized(RgbImage src, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sx = (x + 0.5) * src.width() / w - 0.5, sy = (y + 0.5) * src.height() / h - 0.5;
                for (int c = 0; c < 3; c++) {
                    out[(y * w + x) * 3 + c] = (byte) Math.round(sample(src, sx, sy, c));
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    static double sample(RgbImage img, double x, double y, int c) {
        x = Math.max(0, Math.min(img.width() - 1.0, x));
        y = Math.max(0, Math.min(img.height() - 1.0, y));
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        int x1 = Math.min(x0 + 1, img.width() - 1), y1 = Math.min(y0 + 1, img.height() - 1);
        double fx = x - x0, fy = y - y0;
        double top = img.channel(x0, y0, c) * (1 - fx) + img.channel(x1, y0, c) * fx;
        double bottom = img.channel(x0, y1, c) * (1 - fx) + img.channel(x1, y1, c) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /** Maps a canvas pixel to where its colour comes from, or null for "keep the background". */
    interface InverseMap {
        double[] source(double x, double y);
    }

    /** The background with {@code layer} drawn through {@code map} (layer coordinates from canvas coordinates). */
    static RgbImage compose(RgbImage background, RgbImage layer, InverseMap map) {
        int w = background.width(), h = background.height();
        byte[] out = background.rgb().clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double[] s = map.source(x, y);
                if (s == null || s[0] < 0 || s[1] < 0 || s[0] > layer.width() - 1 || s[1] > layer.height() - 1) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    out[(y * w + x) * 3 + c] = (byte) Math.round(sample(layer, s[0], s[1], c));
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** A flat print placed at (ox, oy) and moved by the homography {@code h} (layer → canvas). */
    static InverseMap print(double ox, double oy, double[] h) {
        double[] inv = invert(h);
        return (x, y) -> {
            double z = inv[6] * x + inv[7] * y + inv[8];
            double u = (inv[0] * x + inv[1] * y + inv[2]) / z;
            double v = (inv[3] * x + inv[4] * y + inv[5]) / z;
            return new double[] {u - ox, v - oy};
        };
    }

    /**
     * A "head": the layer at (ox, oy), shifted by (tx, ty) and turned about its vertical axis by
     * {@code yaw} radians as a hemisphere with a nose would be, so that its centre moves more than
     * its rim (parallax no homography can fit).
     */
    static InverseMap head(double ox, double oy, int w, int h, double tx, double ty, double yaw) {
        double cx = ox + w / 2.0, cy = oy + h / 2.0, rx = w / 2.0, ry = h / 2.0;
        return (x, y) -> {
            double u = (x - tx - cx) / rx, v = (y - ty - cy) / ry;
            double r2 = u * u + v * v;
            if (r2 > 1) {
                return null;
            }
            // a hemisphere plus a nose (about a fifth of the face width high, as on a real face)
            double depth = Math.sqrt(1 - r2) * rx + 0.4 * rx * Math.exp(-((u * u) + (v + 0.1) * (v + 0.1)) / (2 * 0.15 * 0.15));
            return new double[] {x - tx - yaw * depth - ox, y - ty - oy};
        };
    }

    static double[] invert(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return new double[] {
            (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
            (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
            (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det};
    }

    /** A homography about the point (cx, cy): rotation, scale, translation and a little perspective. */
    static double[] homography(double cx, double cy, double angle, double scale, double tx, double ty, double px, double py) {
        double cos = Math.cos(angle) * scale, sin = Math.sin(angle) * scale;
        double[] toOrigin = {1, 0, -cx, 0, 1, -cy, 0, 0, 1};
        double[] core = {cos, -sin, 0, sin, cos, 0, px, py, 1};
        double[] back = {1, 0, cx + tx, 0, 1, cy + ty, 0, 0, 1};
        return mul(back, mul(core, toOrigin));
    }

    static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                c[r * 3 + k] = a[r * 3] * b[k] + a[r * 3 + 1] * b[3 + k] + a[r * 3 + 2] * b[6 + k];
            }
        }
        return c;
    }
}
