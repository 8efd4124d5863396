package org.sadasya.common;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes images (face crops, cards) in memory only. {@code ImageIO.write(image, format, OutputStream)}
 * buffers through a temporary file when ImageIO's cache is on (its default), which would leave a
 * plaintext face on disk.
 */
public final class InMemoryImages {

    private InMemoryImages() {}

    /** {@code format} is an ImageIO format name: "png", "jpg". */
    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, format, stream)) {
                throw new IllegalArgumentException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
