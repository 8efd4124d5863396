package org.sadasya.verification;

import org.sadasya.decision.DifferenceHash;
import org.sadasya.decision.VerificationPolicy;
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

    @Test
    void exifCaptureTime_fallsBackToDateTimeDigitized() {
        byte[] jpeg = withExifDigitizedOnly(org.sadasya.testsupport.TinyJpegs.of(3, null), "2026:11:29 15:30:00");
        var read = new ExifCaptureTimeReader().read(jpeg);
        assertThat(read).isPresent();
        assertThat(read.get().local()).isEqualTo(LocalDateTime.parse("2026-11-29T15:30:00"));
    }

    @Test
    void fingerprinting_neverWritesTheDecryptedPhotoToATemporaryFile() throws Exception {
        java.nio.file.Path cache = Files.createTempDirectory("imageio-cache");
        boolean useCache = ImageIO.getUseCache();
        java.io.File cacheDir = ImageIO.getCacheDirectory();
        try (var watch = cache.getFileSystem().newWatchService()) {
            cache.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            ImageIO.setUseCache(true); // what ImageIO does by default wherever a temp dir is writable
            ImageIO.setCacheDirectory(cache.toFile());
            assertThat(fingerprints.fingerprint(photo("multi/face_recognition/two_people.jpg"))).isPresent();
            var key = watch.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(key == null ? java.util.List.of() : key.pollEvents())
                    .as("files created in the ImageIO cache directory").isEmpty();
        } finally {
            ImageIO.setUseCache(useCache);
            ImageIO.setCacheDirectory(cacheDir);
        }
    }

    /** The JPEG with an APP1 EXIF block holding only DateTimeDigitized (no DateTimeOriginal). */
    static byte[] withExifDigitizedOnly(byte[] jpeg, String time) {
        java.nio.ByteBuffer tiff = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        // IFD0 at 8: one entry, the Exif IFD pointer (0x8769) to offset 26
        tiff.putShort((short) 1).putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(26).putInt(0);
        // Exif IFD at 26: DateTimeDigitized (0x9004), ASCII, 20 bytes at offset 44
        tiff.putShort((short) 1).putShort((short) 0x9004).putShort((short) 2).putInt(20).putInt(44).putInt(0);
        tiff.put((time + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] body = java.util.Arrays.copyOf(tiff.array(), tiff.position());
        byte[] header = "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int length = 2 + header.length + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length);
        out.writeBytes(header);
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
