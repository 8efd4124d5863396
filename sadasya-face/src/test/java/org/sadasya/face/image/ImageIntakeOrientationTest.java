package org.sadasya.face.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sadasya.face.image.ImageIntakeTest.pixel;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sadasya.face.testsupport.SharedData;

class ImageIntakeOrientationTest {

    private final ImageIntake intake = new ImageIntake(ImageLimits.DEFAULT);

    @ParameterizedTest
    @ValueSource(strings = {"live/image_T1.jpg", "spoof/image_F1.jpg", "spoof/image_F2.jpg"})
    void silentFaceSampleWithOrientation6_isTurnedUpright(String name) throws Exception {
        Path file = SharedData.file("data/pad/silent-face/" + name);

        DecodedImage decoded = intake.decode(file);

        assertThat(decoded.exifOrientation()).isEqualTo(6);
        assertThat(decoded.storedWidth()).isEqualTo(640);
        assertThat(decoded.storedHeight()).isEqualTo(480);
        assertThat(decoded.image().width()).isEqualTo(480);
        assertThat(decoded.image().height()).isEqualTo(640);
        // Orientation 6: the stored frame turned 90° clockwise, so upright (x, y) is stored
        // (y, storedHeight - 1 - x). ImageIO.read ignores EXIF and gives the stored frame.
        RgbImage stored = RgbImage.of(ImageIO.read(file.toFile()));
        RgbImage upright = decoded.image();
        for (int[] p : new int[][] {{0, 0}, {479, 0}, {0, 639}, {479, 639}, {100, 333}, {250, 17}}) {
            int x = p[0];
            int y = p[1];
            assertThat(pixel(upright, x, y)).as("upright (%d, %d)", x, y).containsExactly(pixel(stored, y, 479 - x));
        }
    }

    /**
     * Stored 3 × 2 image with pixels A B C / D E F; each orientation's upright picture as EXIF
     * 2.32 (table 6) defines it.
     */
    @ParameterizedTest(name = "orientation {0}: {1}")
    @CsvSource({
        "1, ABC/DEF",
        "2, CBA/FED",
        "3, FED/CBA",
        "4, DEF/ABC",
        "5, AD/BE/CF",
        "6, DA/EB/FC",
        "7, FC/EB/DA",
        "8, CF/BE/AD",
    })
    void eachExifOrientation_putsEveryPixelInItsUprightPlace(int orientation, String upright) {
        RgbImage stored = lettered("ABC/DEF");

        RgbImage turned = Orientation.apply(stored, orientation);

        assertThat(letters(turned)).isEqualTo(upright);
    }

    @Test
    void orientation8InJpegExif_isTurnedCounterClockwise() throws Exception {
        BufferedImage landscape = TestImages.filled(64, 40, BufferedImage.TYPE_3BYTE_BGR, 0x000000);
        fill(landscape, 0, 0, 8, 8, 0xffffff); // a white square in the stored top-left corner
        byte[] jpeg = TestImages.withJpegExif(TestImages.encode(landscape, "jpeg"), new TestImages.Exif().orientation(8).build());

        DecodedImage decoded = intake.decode(jpeg);

        assertThat(decoded.exifOrientation()).isEqualTo(8);
        assertThat(decoded.image().width()).isEqualTo(40);
        assertThat(decoded.image().height()).isEqualTo(64);
        // Turned 90° counter-clockwise, the stored top-left lands bottom-left.
        assertThat(decoded.image().channel(3, 60, 1)).isGreaterThan(200);
        assertThat(decoded.image().channel(3, 3, 1)).isLessThan(50);
    }

    @Test
    void orientationInPngExifChunk_isApplied() throws Exception {
        BufferedImage landscape = TestImages.filled(64, 40, BufferedImage.TYPE_3BYTE_BGR, 0x000000);
        fill(landscape, 0, 0, 8, 8, 0xffffff);
        byte[] png = TestImages.withPngExif(TestImages.encode(landscape, "png"), new TestImages.Exif().orientation(3).build());

        DecodedImage decoded = intake.decode(png);

        assertThat(decoded.exifOrientation()).isEqualTo(3);
        assertThat(decoded.image().width()).isEqualTo(64);
        assertThat(pixel(decoded.image(), 63, 39)).containsExactly(255, 255, 255); // 180°: top-left to bottom-right
        assertThat(pixel(decoded.image(), 0, 0)).containsExactly(0, 0, 0);
    }

    @Test
    void invalidOrientationValue_isIgnored() throws Exception {
        byte[] jpeg = Files.readAllBytes(SharedData.file("data/faces/deepface/img5.jpg"));
        byte[] withNine = TestImages.withJpegExif(jpeg, new TestImages.Exif().orientation(9).build());

        DecodedImage decoded = intake.decode(withNine);

        assertThat(decoded.exifOrientation()).isEqualTo(1);
        assertThat(decoded.image().rgb()).isEqualTo(intake.decode(jpeg).image().rgb());
    }

    private static void fill(BufferedImage image, int x0, int y0, int w, int h, int rgb) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
    }

    /** An image whose pixels encode letters: rows split by '/', each letter a grey level. */
    private static RgbImage lettered(String rows) {
        String[] lines = rows.split("/");
        int w = lines[0].length();
        byte[] rgb = new byte[w * lines.length * 3];
        for (int y = 0; y < lines.length; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                rgb[i] = rgb[i + 1] = rgb[i + 2] = (byte) lines[y].charAt(x);
            }
        }
        return new RgbImage(w, lines.length, rgb);
    }

    private static String letters(RgbImage image) {
        StringBuilder s = new StringBuilder();
        for (int y = 0; y < image.height(); y++) {
            if (y > 0) {
                s.append('/');
            }
            for (int x = 0; x < image.width(); x++) {
                s.append((char) image.channel(x, y, 0));
            }
        }
        return s.toString();
    }
}
