package org.sadasya.capture;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a YUV4MPEG2 file (4:2:0, BT.601 full range) for Chromium's fake camera
 * ({@code --use-file-for-fake-video-capture}), from pictures scaled and cropped to fill the frame.
 * Chromium loops the file, so one picture is a camera looking at a still scene.
 */
final class Y4mVideo {

    private Y4mVideo() {}

    static Path write(Path file, int width, int height, int fps, List<BufferedImage> pictures) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            out.write("YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420jpeg\n".formatted(width, height, fps)
                    .getBytes(StandardCharsets.US_ASCII));
            for (BufferedImage picture : pictures) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                writePlanes(out, fill(picture, width, height));
            }
        }
        return file;
    }

    /** Scales to cover the frame and crops the middle, as a camera's field of view would. */
    static BufferedImage fill(BufferedImage src, int width, int height) {
        double scale = Math.max((double) width / src.getWidth(), (double) height / src.getHeight());
        int w = (int) Math.ceil(src.getWidth() * scale);
        int h = (int) Math.ceil(src.getHeight() * scale);
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, (width - w) / 2, (height - h) / 2, w, h, null);
        g.dispose();
        return frame;
    }

    private static void writePlanes(OutputStream out, BufferedImage rgb) throws IOException {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        byte[] y = new byte[w * h];
        byte[] u = new byte[(w / 2) * (h / 2)];
        byte[] v = new byte[(w / 2) * (h / 2)];
        double[] us = new double[u.length];
        double[] vs = new double[v.length];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int p = rgb.getRGB(i, j);
                int r = (p >> 16) & 0xff;
                int gr = (p >> 8) & 0xff;
                int b = p & 0xff;
                y[j * w + i] = clamp(0.299 * r + 0.587 * gr + 0.114 * b);
                int c = (j / 2) * (w / 2) + i / 2;
                if (i / 2 < w / 2 && j / 2 < h / 2) {
                    us[c] += 128 - 0.168736 * r - 0.331264 * gr + 0.5 * b;
                    vs[c] += 128 + 0.5 * r - 0.418688 * gr - 0.081312 * b;
                }
            }
        }
        for (int c = 0; c < u.length; c++) {
            u[c] = clamp(us[c] / 4);
            v[c] = clamp(vs[c] / 4);
        }
        out.write(y);
        out.write(u);
        out.write(v);
    }

    private static byte clamp(double value) {
        return (byte) Math.max(0, Math.min(255, Math.round(value)));
    }
}
