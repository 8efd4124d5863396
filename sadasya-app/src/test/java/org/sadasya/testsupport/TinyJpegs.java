package org.sadasya.testsupport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Small real JPEGs for service tests that do not look at faces: they pass the intake's header
 * checks, each seed gives different pixels (so the perceptual image-reuse check tells them apart),
 * and a comment segment can carry text for a test double to read.
 */
public final class TinyJpegs {
    private TinyJpegs() {}

    public static byte[] of(long seed, String comment) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        // 8×8-pixel blocks of random grey: large enough structure to survive JPEG compression.
        for (int by = 0; by < 6; by++) {
            for (int bx = 0; bx < 8; bx++) {
                int v = random.nextInt(256);
                int rgb = (v << 16) | (v << 8) | v;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        image.setRGB(bx * 8 + x, by * 8 + y, rgb);
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jpeg = out.toByteArray();
        if (comment == null) {
            return jpeg;
        }
        byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
        int length = text.length + 2;
        byte[] withComment = new byte[jpeg.length + 4 + text.length];
        withComment[0] = jpeg[0];
        withComment[1] = jpeg[1]; // SOI
        withComment[2] = (byte) 0xFF;
        withComment[3] = (byte) 0xFE; // COM
        withComment[4] = (byte) (length >> 8);
        withComment[5] = (byte) length;
        System.arraycopy(text, 0, withComment, 6, text.length);
        System.arraycopy(jpeg, 2, withComment, 6 + text.length, jpeg.length - 2);
        return withComment;
    }
}
