package org.sadasya.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import org.junit.jupiter.api.Test;
import org.sadasya.face.testsupport.SharedData;

/** The photo adapters of the rules on real photos: perceptual hash (IMAGE_REUSE) and EXIF time (CAPTURE_TIME). */
class PhotoAdaptersTest {

    final StoredImageFingerprints fingerprints = new StoredImageFingerprints(null);

    static byte[] photo(String relative) throws IOException {
        return Files.readAllBytes(SharedData.file("data/faces/" + relative));
    }

    /** The photo scaled to {@code scale} and re-encoded as JPEG at {@code quality}. */
    static byte[] resizedAndReencoded(byte[] jpeg, double scale, float quality) throws IOException {
        BufferedImage src = ImageIO.read(new ByteArrayInputStream(jpeg));
        int w = (int) (src.getWidth() * scale);
        int h = (int) (src.getHeight() * scale);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(src.getScaledInstance(w, h, Image.SCALE_SMOOTH), 0, 0, null);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var ios = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(out, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    @Test
    void samePhotoResizedAndReencoded_isWithinTheRejectDistance_otherPhotosAreFar() throws IOException {
        var policy = VerificationPolicy.defaults();
        byte[] original = photo("multi/face_recognition/two_people.jpg");
        long h = fingerprints.fingerprint(original).orElseThrow();

        long half = fingerprints.fingerprint(resizedAndReencoded(original, 0.5, 0.6f)).orElseThrow();
        long small = fingerprints.fingerprint(resizedAndReencoded(original, 0.3, 0.4f)).orElseThrow();
        assertThat(DifferenceHash.distance(h, half)).isLessThanOrEqualTo(policy.reuseRejectDistance());
        assertThat(DifferenceHash.distance(h, small)).isLessThanOrEqualTo(policy.reuseRejectDistance());

        for (String other : new String[] {"multi/face_recognition/obama_and_biden.jpg",
                "multi/face_recognition/kit_with_rose.jpg", "singles/face_recognition/obama_obama.jpg"}) {
            long o = fingerprints.fingerprint(photo(other)).orElseThrow();
            assertThat(DifferenceHash.distance(h, o)).as(other).isGreaterThan(policy.reuseReviewDistance());
        }
    }

    @Test
    void notAnImage_hasNoFingerprint() {
        assertThat(fingerprints.fingerprint("not an image".getBytes())).isEmpty();
    }

    @Test
    void exifCaptureTime_isReadWhenPresent_andAbsentOtherwise() throws IOException {
        var reader = new ExifCaptureTimeReader();
        var withExif = reader.read(photo("singles/face_recognition/obama_obama.jpg"));
        assertThat(withExif).isPresent();
        assertThat(withExif.get().local()).isEqualTo(LocalDateTime.parse("2012-12-06T15:46:01"));

        assertThat(reader.read(photo("multi/face_recognition/two_people.jpg"))).isEmpty();
        assertThat(reader.read("not an image".getBytes())).isEmpty();
    }
}
