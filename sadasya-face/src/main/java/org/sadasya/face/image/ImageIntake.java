package org.sadasya.face.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Placeholder until the full intake lands: plain ImageIO decode. */
public final class ImageIntake {
    public record DecodedImage(RgbImage image) {}

    public DecodedImage decode(byte[] bytes) throws ImageRejectedException {
        try {
            var img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE, "not a readable image");
            }
            return new DecodedImage(RgbImage.of(img));
        } catch (IOException e) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE, "not a readable image", e);
        }
    }

    public DecodedImage decode(Path file) throws ImageRejectedException {
        try {
            return decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE, "cannot read " + file.getFileName(), e);
        }
    }
}
