package org.sadasya.face.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sadasya.face.testsupport.SharedData;

class ImageIntakeTest {

    private static final long MIB = 1024 * 1024;

    private final ImageIntake intake = new ImageIntake(ImageLimits.DEFAULT);

    // ---- what is accepted ----

    @Test
    void cameraJpeg_isDecodedToRgbAtItsStoredSize() throws Exception {
        DecodedImage decoded = intake.decode(SharedData.file("data/faces/deepface/img1.jpg"));

        assertThat(decoded.format()).isEqualTo("jpeg");
        assertThat(decoded.image().width()).isEqualTo(1382);
        assertThat(decoded.image().height()).isEqualTo(1868);
        assertThat(decoded.storedWidth()).isEqualTo(1382);
        assertThat(decoded.storedHeight()).isEqualTo(1868);
        assertThat(decoded.exifOrientation()).isEqualTo(1);
        assertThat(decoded.image().rgb()).hasSize(1382 * 1868 * 3);
    }

    /**
     * The golden end-to-end cases keep the exact pixels of jpeg-js, the reference decoder; intake's
     * reference JPEG decoding must give the same pixels. (libjpeg, through ImageIO,
     * differs: mean |difference| 0.44–0.77 levels, up to 23 on img16, from its IDCT rounding and
     * chroma upsampling.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"img5", "img10", "img16", "img17", "selfie-many-people"})
    void jpeg_decodesExactlyAsTheReferenceDecoder(String name) throws Exception {
        ImageIntake jpegJs = new ImageIntake(ImageLimits.DEFAULT, ImageIntake.JpegDecoding.REFERENCE);
        RgbImage ours = jpegJs.decode(SharedData.file("data/faces/deepface/" + name + ".jpg")).image();
        RgbImage reference = intake.decode(SharedData.file("golden/human-models-3.0.4/e2e/" + name + ".decoded.png")).image();

        assertThat(ours.width()).isEqualTo(reference.width());
        assertThat(ours.height()).isEqualTo(reference.height());
        byte[] a = ours.rgb();
        byte[] b = reference.rgb();
        long sum = 0;
        long offByMoreThan3 = 0;
        for (int i = 0; i < a.length; i++) {
            int d = Math.abs((a[i] & 0xff) - (b[i] & 0xff));
            sum += d;
            if (d > 3) {
                offByMoreThan3++;
            }
        }
        assertThat(sum).as("JPEG pixels differ from the reference decoder's (%d samples off by more than 3)", offByMoreThan3)
                .isZero();
    }

    /**
     * Guards the claim that made TwelveMonkeys our JPEG reader: for ordinary JPEGs (baseline,
     * progressive, with an ICC profile) its pixels are the JDK decoder's, bit for bit.
     */
    @ParameterizedTest
    @ValueSource(strings = {"img1.jpg", "img16.jpg", "img22.jpg", "img49.jpg", "selfie-many-people.jpg"})
    void jpeg_decodesToTheSamePixelsAsTheJdkDecoder(String name) throws Exception {
        Path file = SharedData.file("data/faces/deepface/" + name);

        RgbImage ours = intake.decode(file).image();

        BufferedImage jdk = readWithJdkJpegDecoder(file);
        assertThat(ours.width()).isEqualTo(jdk.getWidth());
        assertThat(ours.height()).isEqualTo(jdk.getHeight());
        assertThat(ours.rgb()).isEqualTo(RgbImage.of(jdk).rgb());
    }

    @Test
    void webpNamedJpg_isRecognisedByContentAndDecoded() throws Exception {
        DecodedImage decoded = intake.decode(SharedData.file("data/faces/deepface/img47.jpg"));

        assertThat(decoded.format()).isEqualTo("webp");
        assertThat(decoded.image().width()).isEqualTo(1350);
        assertThat(decoded.image().height()).isEqualTo(1800);
        // A real photo, not a blank canvas: its pixel values spread widely.
        assertThat(standardDeviation(decoded.image().rgb())).isGreaterThan(20);
    }

    @Test
    void rgbPngFromSharedData_isDecoded() throws Exception {
        DecodedImage decoded = intake.decode(SharedData.file("data/pad/viguardieiro/live/real_96.png"));

        assertThat(decoded.format()).isEqualTo("png");
        assertThat(decoded.image().width()).isEqualTo(239);
        assertThat(decoded.image().height()).isEqualTo(368);
        assertThat(standardDeviation(decoded.image().rgb())).isGreaterThan(10);
    }

    @Test
    void everyPhotoInSharedFaces_isAccepted() throws Exception {
        List<Path> photos;
        try (Stream<Path> files = Files.walk(SharedData.file("data/faces"))) {
            photos = files.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$")).sorted().toList();
        }
        assertThat(photos).hasSizeGreaterThan(80);
        for (Path photo : photos) {
            DecodedImage decoded = intake.decode(photo);
            assertThat(decoded.image().width() * decoded.image().height())
                    .as(photo.toString()).isEqualTo(decoded.storedWidth() * decoded.storedHeight());
        }
    }

    @Test
    void grayscalePng_becomesRgbWithItsStoredGreyValues() throws Exception {
        BufferedImage gray = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 128);
        gray.getRaster().setSample(1, 0, 0, 50);

        RgbImage rgb = intake.decode(TestImages.encode(gray, "png")).image();

        // Java's getRGB would say 188 and 122: it treats its grey colour space as linear.
        assertThat(pixel(rgb, 0, 0)).containsExactly(128, 128, 128);
        assertThat(pixel(rgb, 1, 0)).containsExactly(50, 50, 50);
        assertThat(pixel(rgb, 2, 0)).containsExactly(0, 0, 0);
    }

    @Test
    void sixteenBitGreyPngWithAlpha_becomesRgbOnWhite() throws Exception {
        // colour type 4 (grey + alpha), 16 bits: one opaque mid-grey pixel row, then a clear row.
        int w = 32;
        byte[] rows = new byte[32 * (1 + w * 4)];
        for (int x = 0; x < w; x++) {
            int at = 1 + x * 4;
            rows[at] = (byte) 0x80; // grey 0x8000
            rows[at + 2] = (byte) 0xff; // alpha 0xffff
            rows[at + 3] = (byte) 0xff;
        }
        byte[] png = TestImages.png(w, 32, 16, 4, TestImages.zlib(rows));

        RgbImage rgb = intake.decode(png).image();

        assertThat(pixel(rgb, 5, 0)).containsExactly(128, 128, 128);
        assertThat(pixel(rgb, 5, 1)).containsExactly(255, 255, 255); // grey 0, alpha 0: white
    }

    @Test
    void grayscaleJpeg_becomesRgbWithEqualChannels() throws Exception {
        BufferedImage gray = TestImages.filled(48, 48, BufferedImage.TYPE_BYTE_GRAY, 0x000000);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                gray.getRaster().setSample(x, y, 0, 100);
            }
        }

        RgbImage rgb = intake.decode(TestImages.encode(gray, "jpeg")).image();

        int[] p = pixel(rgb, 20, 20);
        assertThat(p[0]).isEqualTo(p[1]).isEqualTo(p[2]);
        assertThat(p[0]).isBetween(98, 102);
    }

    @Test
    void transparentPng_isCompositedOnWhite() throws Exception {
        BufferedImage argb = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB); // all (0,0,0,0)
        argb.setRGB(1, 0, 0x80ff0000); // half-transparent red
        argb.setRGB(2, 0, 0xff0000ff); // opaque blue

        RgbImage rgb = intake.decode(TestImages.encode(argb, "png")).image();

        assertThat(pixel(rgb, 0, 0)).containsExactly(255, 255, 255);
        assertThat(pixel(rgb, 1, 0)).containsExactly(255, 127, 127);
        assertThat(pixel(rgb, 2, 0)).containsExactly(0, 0, 255);
    }

    @Test
    void palettePng_becomesRgb() throws Exception {
        byte[] r = {(byte) 200, 10};
        byte[] g = {30, 20};
        byte[] b = {40, (byte) 250};
        BufferedImage indexed = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, r, g, b));
        indexed.getRaster().setSample(3, 3, 0, 1);

        RgbImage rgb = intake.decode(TestImages.encode(indexed, "png")).image();

        assertThat(pixel(rgb, 0, 0)).containsExactly(200, 30, 40);
        assertThat(pixel(rgb, 3, 3)).containsExactly(10, 20, 250);
    }

    @Test
    void cmykJpeg_isDecodedInItsRealColours() throws Exception {
        // The JDK decoder alone returns (255, 128, 128) here, silently: CMYK is why we use TwelveMonkeys.
        RgbImage rgb = intake.decode(TestImages.adobeCmykJpeg(64, 48)).image();

        int[] p = pixel(rgb, 30, 20);
        assertThat(p[0]).isBetween(245, 255);
        assertThat(p[1]).isBetween(45, 65);
        assertThat(p[2]).isBetween(45, 65);
    }

    @Test
    void jpegWithDataAfterTheEndMarker_isAccepted() throws Exception {
        // Motion photos and some phone vendors append a video or a trailer after the JPEG's EOI.
        byte[] jpeg = Files.readAllBytes(SharedData.file("data/faces/deepface/img5.jpg"));
        byte[] trailer = new byte[5000];
        new Random(7).nextBytes(trailer);

        RgbImage withTrailer = intake.decode(TestImages.concat(jpeg, trailer)).image();

        assertThat(withTrailer.rgb()).isEqualTo(intake.decode(jpeg).image().rgb());
    }

    // ---- what is refused ----

    @Test
    void inspect_readsFormatAndSizeFromTheHeader_andRefusesWhatDecodeWouldRefuseFromIt() throws Exception {
        byte[] jpeg = Files.readAllBytes(SharedData.file("data/faces/deepface/img5.jpg"));
        ImageIntake.ImageHeader header = intake.inspect(jpeg);
        assertThat(header.format()).isEqualTo("jpeg");
        assertThat(header.width()).isEqualTo(330);
        assertThat(header.height()).isEqualTo(512);
        assertRejected(() -> intake.inspect(Arrays.copyOf(jpeg, jpeg.length / 2)), ImageErrorCode.IMAGE_UNREADABLE);
        assertRejected(() -> intake.inspect(TestImages.blackOneBitPng(20_000, 20_000)), ImageErrorCode.IMAGE_TOO_LARGE);
        assertRejected(() -> intake.inspect("not an image at all".getBytes(StandardCharsets.UTF_8)), ImageErrorCode.IMAGE_UNREADABLE);
        assertRejected(() -> intake.inspect(new byte[0]), ImageErrorCode.IMAGE_EMPTY);
    }

    @Test
    void zeroByteUpload_isRejectedAsEmpty() {
        assertRejected(() -> intake.decode(new byte[0]), ImageErrorCode.IMAGE_EMPTY);
    }

    @Test
    void zeroByteFile_isRejectedAsEmpty(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("selfie.jpg"));

        assertRejected(() -> intake.decode(empty), ImageErrorCode.IMAGE_EMPTY);
    }

    @Test
    void randomBytes_areRejectedAsUnreadable() {
        byte[] noise = new byte[50_000];
        new Random(42).nextBytes(noise);

        ImageRejectedException e = assertRejected(() -> intake.decode(noise), ImageErrorCode.IMAGE_UNREADABLE);
        assertThat(e.getMessage()).contains("not an image");
    }

    @Test
    void text_isRejectedAsUnreadable() {
        byte[] text = "name,mobile\nSunita Devi,9812345678\n".getBytes(StandardCharsets.UTF_8);

        ImageRejectedException e = assertRejected(() -> intake.decode(text), ImageErrorCode.IMAGE_UNREADABLE);
        assertThat(e.getMessage()).doesNotContain("Sunita").doesNotContain("9812345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"img1.jpg", "img16.jpg"}) // baseline with an EXIF thumbnail; progressive
    void jpegCutInHalf_isRejectedAsUnreadable(String name) throws Exception {
        byte[] jpeg = Files.readAllBytes(SharedData.file("data/faces/deepface/" + name));
        byte[] half = Arrays.copyOf(jpeg, jpeg.length / 2);

        ImageRejectedException e = assertRejected(() -> intake.decode(half), ImageErrorCode.IMAGE_UNREADABLE);
        assertThat(e.getMessage()).contains("incomplete");
    }

    @Test
    void jpegWithItsMiddleMissing_isRejectedAsUnreadable() throws Exception {
        // Ends with a proper EOI, so only the decoder can tell that rows were made up.
        byte[] jpeg = Files.readAllBytes(SharedData.file("data/faces/deepface/img5.jpg"));
        byte[] holed = TestImages.concat(Arrays.copyOf(jpeg, jpeg.length / 2), new byte[] {(byte) 0xff, (byte) 0xd9});

        ImageRejectedException e = assertRejected(() -> intake.decode(holed), ImageErrorCode.IMAGE_UNREADABLE);
        assertThat(e.getMessage()).contains("damaged");
        ImageIntake reference = new ImageIntake(ImageLimits.DEFAULT, ImageIntake.JpegDecoding.REFERENCE);
        ImageRejectedException r = assertRejected(() -> reference.decode(holed), ImageErrorCode.IMAGE_UNREADABLE);
        assertThat(r.getMessage()).contains("incomplete");
    }

    @Test
    void truncatedPng_isRejectedAsUnreadable() throws Exception {
        byte[] png = Files.readAllBytes(SharedData.file("data/pad/viguardieiro/live/real_96.png"));

        assertRejected(() -> intake.decode(Arrays.copyOf(png, png.length / 2)), ImageErrorCode.IMAGE_UNREADABLE);
    }

    @Test
    void truncatedWebp_isRejectedAsUnreadable() throws Exception {
        byte[] webp = Files.readAllBytes(SharedData.file("data/faces/deepface/img47.jpg"));

        ImageRejectedException e = assertRejected(() -> intake.decode(Arrays.copyOf(webp, webp.length / 2)),
                ImageErrorCode.IMAGE_UNREADABLE);
        assertThat(e.getMessage()).contains("WebP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gif", "bmp", "tiff"})
    void otherImageFormats_areRejectedAsUnsupported(String format) {
        byte[] encoded = TestImages.encode(TestImages.filled(64, 64, BufferedImage.TYPE_3BYTE_BGR, 0x336699), format);

        ImageRejectedException e = assertRejected(() -> intake.decode(encoded), ImageErrorCode.IMAGE_FORMAT_UNSUPPORTED);
        assertThat(e.getMessage()).containsIgnoringCase(format.substring(0, 3)).contains("JPEG, PNG and WebP");
    }

    @Test
    void iphoneHeic_isRejectedAsUnsupported() {
        byte[] heic = new byte[64];
        byte[] box = "\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(box, 0, heic, 0, box.length);

        ImageRejectedException e = assertRejected(() -> intake.decode(heic), ImageErrorCode.IMAGE_FORMAT_UNSUPPORTED);
        assertThat(e.getMessage()).contains("HEIC");
    }

    @Test
    void pngDeclaring20000x20000_isRefusedFromItsHeaderWithoutDecoding() throws Exception {
        byte[] png = TestImages.blackOneBitPng(20_000, 20_000);
        assertThat(png.length).isLessThan(100_000);

        ImageRejectedException[] refused = new ImageRejectedException[1];
        long allocated = TestImages.bytesAllocatedBy(() -> refused[0] = catchThrowableOfType(ImageRejectedException.class,
                () -> intake.decode(png)));

        assertThat(refused[0]).isNotNull();
        assertThat(refused[0].code()).isEqualTo(ImageErrorCode.IMAGE_TOO_LARGE);
        assertThat(refused[0].getMessage()).contains("20000x20000");
        // Its RGB pixels alone would be 1.2 GB.
        assertThat(allocated).as("bytes allocated while refusing").isLessThan(64 * MIB);
    }

    @Test
    void imageOverThePixelLimit_isRejectedAsTooLarge() throws Exception {
        ImageIntake small = new ImageIntake(new ImageLimits(20 * 1024 * 1024, 8192, 8192, 2_000_000, 32));

        ImageRejectedException e = assertRejected(() -> small.decode(SharedData.file("data/faces/deepface/img1.jpg")),
                ImageErrorCode.IMAGE_TOO_LARGE);
        assertThat(e.getMessage()).contains("1382x1868").contains("megapixels");
    }

    @Test
    void uploadOverTheByteLimit_isRejectedAsTooLarge() throws Exception {
        byte[] jpeg = Files.readAllBytes(SharedData.file("data/faces/deepface/img1.jpg"));
        ImageIntake small = new ImageIntake(new ImageLimits(jpeg.length - 1, 8192, 8192, 40_000_000, 32));

        assertRejected(() -> small.decode(jpeg), ImageErrorCode.IMAGE_TOO_LARGE);
    }

    @Test
    void fileOverTheByteLimit_isRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.jpg");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(30 * MIB); // sparse: no disk used
        }

        ImageRejectedException[] refused = new ImageRejectedException[1];
        long allocated = TestImages.bytesAllocatedBy(() -> refused[0] = catchThrowableOfType(ImageRejectedException.class,
                () -> intake.decode(big)));

        assertThat(refused[0]).isNotNull();
        assertThat(refused[0].code()).isEqualTo(ImageErrorCode.IMAGE_TOO_LARGE);
        assertThat(refused[0].getMessage()).contains("30.0 MiB").contains("20.0 MiB");
        assertThat(allocated).as("bytes allocated while refusing").isLessThan(5 * MIB);
    }

    @Test
    void tinyImage_isRejectedAsTooSmall() {
        byte[] png = TestImages.encode(TestImages.filled(20, 200, BufferedImage.TYPE_3BYTE_BGR, 0x808080), "png");

        ImageRejectedException e = assertRejected(() -> intake.decode(png), ImageErrorCode.IMAGE_TOO_SMALL);
        assertThat(e.getMessage()).contains("20x200").contains("32");
    }

    @Test
    void missingFile_isRejectedAsUnreadable(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-selfie.jpg");

        ImageRejectedException e = assertRejected(() -> intake.decode(missing), ImageErrorCode.IMAGE_UNREADABLE);
        assertThat(e.getMessage()).contains("no such file").contains("no-such-selfie.jpg");
    }

    @Test
    void directory_isRejectedAsUnreadable(@TempDir Path dir) {
        ImageRejectedException e = assertRejected(() -> intake.decode(dir), ImageErrorCode.IMAGE_UNREADABLE);
        assertThat(e.getMessage()).contains("not a regular file");
    }

    @Test
    void pngWithADecompressionBombInItsText_isDecodedWithoutInflatingIt() throws Exception {
        byte[] png = TestImages.pngWithTextBomb(1024); // 1 GiB of zeros once inflated
        assertThat(png.length).isLessThan(2_000_000);

        DecodedImage[] decoded = new DecodedImage[1];
        long allocated = TestImages.bytesAllocatedBy(() -> decoded[0] = intake.decode(png));

        assertThat(decoded[0].image().width()).isEqualTo(64);
        assertThat(allocated).as("bytes allocated while decoding").isLessThan(64 * MIB);
    }

    @Test
    void pngWithAnImpossibleHeader_isRejectedAsUnreadable() {
        byte[] png = TestImages.png(0, 64, 8, 2, TestImages.zlib(new byte[10]));

        assertRejected(() -> intake.decode(png), ImageErrorCode.IMAGE_UNREADABLE);
    }

    @Test
    void mangledJpegs_areAlwaysRefusedWithACode() throws Exception {
        // Fuzzing by hand: flip bytes all over a real JPEG. Whatever breaks, the caller gets an
        // ImageRejectedException or a picture, never another exception.
        byte[] jpeg = Files.readAllBytes(SharedData.file("data/faces/deepface/img5.jpg"));
        Random random = new Random(1234);
        int refused = 0;
        for (int round = 0; round < 40; round++) {
            byte[] mangled = jpeg.clone();
            for (int i = 0; i < 20; i++) {
                mangled[2 + random.nextInt(Math.min(mangled.length - 2, 2000))] = (byte) random.nextInt(256);
            }
            try {
                intake.decode(mangled);
            } catch (ImageRejectedException e) {
                assertThat(e.code()).isNotNull();
                assertThat(e.getMessage()).isNotBlank();
                refused++;
            }
        }
        assertThat(refused).as("mangled headers refused").isGreaterThan(0);
    }

    // ---- helpers ----

    private static ImageRejectedException assertRejected(ThrowingDecode decode, ImageErrorCode code) {
        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, decode::run);
        assertThat(e).as("expected a rejection with " + code).isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("\n");
        return e;
    }

    private interface ThrowingDecode {
        void run() throws Exception;
    }

    static int[] pixel(RgbImage image, int x, int y) {
        return new int[] {image.channel(x, y, 0), image.channel(x, y, 1), image.channel(x, y, 2)};
    }

    private static double standardDeviation(byte[] values) {
        double sum = 0;
        double squares = 0;
        for (byte v : values) {
            int x = v & 0xff;
            sum += x;
            squares += (double) x * x;
        }
        double mean = sum / values.length;
        return Math.sqrt(squares / values.length - mean * mean);
    }

    /** The JDK's own JPEG decoder, found by class name: TwelveMonkeys registers ahead of it. */
    private static BufferedImage readWithJdkJpegDecoder(Path file) throws IOException {
        var readers = ImageIO.getImageReadersByFormatName("jpeg");
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (reader.getClass().getName().equals("com.sun.imageio.plugins.jpeg.JPEGImageReader")) {
                try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                    reader.setInput(in);
                    return reader.read(0);
                } finally {
                    reader.dispose();
                }
            }
        }
        throw new AssertionError("the JDK's JPEG decoder is not registered");
    }
}
