package org.sadasya.face.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sadasya.face.testsupport.SharedData;

class ImageIntakeExifTest {

    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    private final ImageIntake intake = new ImageIntake(ImageLimits.DEFAULT);

    @Test
    void cameraPhoto_reportsCaptureTimeWithItsOffsetAndTheCamera() throws Exception {
        ExifFacts exif = intake.decode(SharedData.file("data/faces/deepface/img1.jpg")).exif();

        assertThat(exif.captureLocalTime()).isEqualTo(LocalDateTime.of(2019, 7, 20, 17, 45, 22));
        assertThat(exif.captureOffset()).isEqualTo(ZoneOffset.ofHours(-7));
        assertThat(exif.captureInstant(INDIA)).contains(Instant.parse("2019-07-21T00:45:22Z")); // the offset wins
        assertThat(exif.cameraMake()).isEqualTo("Canon");
        assertThat(exif.cameraModel()).isEqualTo("Canon EOS 5D Mark IV");
        assertThat(exif.software()).isEqualTo("Adobe Photoshop 7.0");
        assertThat(exif.hasLocation()).isFalse();
    }

    @Test
    void captureTimeWithoutOffset_isLocalAndReadInTheGivenZone() throws Exception {
        ExifFacts exif = intake.decode(SharedData.file("data/faces/deepface/img13.jpg")).exif();

        assertThat(exif.captureLocalTime()).isEqualTo(LocalDateTime.of(2018, 9, 18, 12, 36, 32));
        assertThat(exif.captureOffset()).isNull();
        assertThat(exif.captureInstant(INDIA)).contains(Instant.parse("2018-09-18T07:06:32Z"));
    }

    @Test
    void photoWithoutExif_hasNoFacts() throws Exception {
        DecodedImage decoded = intake.decode(SharedData.file("data/faces/deepface/img47.jpg"));

        assertThat(decoded.exif()).isEqualTo(ExifFacts.NONE);
        assertThat(decoded.exif().captureInstant(INDIA)).isEmpty();
    }

    @Test
    void gpsPosition_isReportedInSignedDegrees() throws Exception {
        byte[] tiff = new TestImages.Exif().make("samsung").model("SM-A155F")
                .dateTimeOriginal("2026:11:29 15:30:00").offsetTimeOriginal("+05:30")
                .gps(23.2600, -77.4127).build();
        byte[] jpeg = TestImages.withJpegExif(Files.readAllBytes(SharedData.file("data/faces/deepface/img5.jpg")), tiff);

        ExifFacts exif = intake.decode(jpeg).exif();

        assertThat(exif.latitude()).isCloseTo(23.2600, within(1e-6));
        assertThat(exif.longitude()).isCloseTo(-77.4127, within(1e-6));
        assertThat(exif.cameraMake()).isEqualTo("samsung");
        assertThat(exif.cameraModel()).isEqualTo("SM-A155F");
        assertThat(exif.captureInstant(ZoneOffset.UTC)).contains(Instant.parse("2026-11-29T10:00:00Z"));
    }

    @Test
    void zeroCaptureDate_isTreatedAsAbsent() throws Exception {
        byte[] tiff = new TestImages.Exif().dateTimeOriginal("0000:00:00 00:00:00").offsetTimeOriginal("+05:30").build();
        byte[] jpeg = TestImages.withJpegExif(Files.readAllBytes(SharedData.file("data/faces/deepface/img5.jpg")), tiff);

        ExifFacts exif = intake.decode(jpeg).exif();

        assertThat(exif.captureLocalTime()).isNull();
        assertThat(exif.captureOffset()).isNull();
    }

    @Test
    void brokenExif_doesNotFailTheDecode() throws Exception {
        byte[] jpeg = Files.readAllBytes(SharedData.file("data/faces/deepface/img5.jpg"));
        Random random = new Random(99);
        for (int round = 0; round < 20; round++) {
            // A TIFF header pointing at garbage, then garbage.
            byte[] garbage = new byte[200 + random.nextInt(2000)];
            random.nextBytes(garbage);
            System.arraycopy(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}, 0, garbage, 0, 8);

            DecodedImage decoded = intake.decode(TestImages.withJpegExif(jpeg, garbage));

            assertThat(decoded.image().width()).isEqualTo(330);
            assertThat(decoded.exifOrientation()).isBetween(1, 8);
        }
    }

    @Test
    void oddDateStrings_areReadWherePossible() {
        assertThat(ImageExif.dateTime("2009:09:09 20:27:09.60:04:00")).isEqualTo(LocalDateTime.of(2009, 9, 9, 20, 27, 9));
        assertThat(ImageExif.dateTime("    :  :     :  :  ")).isNull();
        assertThat(ImageExif.dateTime("2019:02:30 10:00:00")).isNull(); // no 30 February
        assertThat(ImageExif.offset("+05:30")).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(ImageExif.offset("IST")).isNull();
    }

    @Test
    void exifFacts_refuseInconsistentValues() {
        assertThatThrownBy(() -> new ExifFacts(null, null, null, null, null, 23.0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExifFacts(null, null, null, null, null, 91.0, 0.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExifFacts(null, ZoneOffset.UTC, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cameraText_isCleanedAndCapped() throws Exception {
        String longModel = "X".repeat(500);
        byte[] tiff = new TestImages.Exif().make("  Canon\u0001 ").model(longModel).build();
        byte[] jpeg = TestImages.withJpegExif(Files.readAllBytes(SharedData.file("data/faces/deepface/img5.jpg")), tiff);

        ExifFacts exif = intake.decode(jpeg).exif();

        assertThat(exif.cameraMake()).isEqualTo("Canon");
        assertThat(exif.cameraModel()).hasSize(100);
        assertThat(new String(tiff, StandardCharsets.ISO_8859_1)).contains(longModel); // the file did carry 500
    }
}
