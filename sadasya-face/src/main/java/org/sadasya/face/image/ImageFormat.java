package org.sadasya.face.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * The formats intake accepts, recognised by their magic bytes only: file names and declared
 * content types lie (shared/data/faces/deepface/img47.jpg is a WebP).
 */
enum ImageFormat {
    JPEG("jpeg", "JPEG"),
    PNG("png", "PNG"),
    WEBP("webp", "WebP");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The value of {@link DecodedImage#format()}. */
    final String id;
    /** The name used in messages. */
    final String displayName;

    ImageFormat(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** The format of {@code bytes}, or a rejection that names what was found instead. */
    static ImageFormat sniff(byte[] b) throws ImageRejectedException {
        if (startsWith(b, 0, 0xff, 0xd8, 0xff)) {
            return JPEG;
        }
        if (b.length >= PNG_SIGNATURE.length && Arrays.equals(b, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            return PNG;
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return WEBP;
        }
        String other = otherImageFormat(b);
        if (other != null) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_FORMAT_UNSUPPORTED,
                    "the file is a " + other + " image; only JPEG, PNG and WebP are accepted");
        }
        throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE,
                "the file is not an image: it is neither JPEG, PNG nor WebP");
    }

    /** Image formats we recognise but do not take, so that the user hears what to change. */
    private static String otherImageFormat(byte[] b) {
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return "GIF";
        }
        if (ascii(b, 0, "BM") && b.length >= 14) {
            return "BMP";
        }
        if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)) {
            return "TIFF";
        }
        // ISO base media file (ftyp box): what iPhones save by default, and AVIF.
        if (ascii(b, 4, "ftyp")) {
            for (String brand : new String[] {"heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"}) {
                if (ascii(b, 8, brand)) {
                    return "HEIC/HEIF";
                }
            }
            if (ascii(b, 8, "avif") || ascii(b, 8, "avis")) {
                return "AVIF";
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int at, String expected) {
        byte[] e = expected.getBytes(StandardCharsets.US_ASCII);
        return b.length >= at + e.length && Arrays.equals(b, at, at + e.length, e, 0, e.length);
    }

    /** A fresh reader for this format (readers are not thread-safe: one per decode). */
    ImageReader newReader() {
        try {
            return Readers.forFormat(this).createReaderInstance();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the " + id + " reader", e);
        }
    }

    /**
     * The decoders, chosen by class rather than by whatever the ImageIO registry lists first, so
     * that pixels do not change when another library on the class path registers a plugin.
     * JPEG: TwelveMonkeys, which hands ordinary YCbCr JPEGs to the JDK's libjpeg decoder (pixels
     * identical to the JDK's on all 246 JPEGs in shared/data) and also reads CMYK/YCCK JPEGs, which
     * the JDK decodes to wrong colours without a word. PNG: the JDK's. WebP: TwelveMonkeys.
     */
    private static final class Readers {
        private static final ImageReaderSpi JPEG_SPI =
                registered(new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi());
        private static final ImageReaderSpi WEBP_SPI =
                registered(new com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi());
        private static final ImageReaderSpi PNG_SPI = byClassName("com.sun.imageio.plugins.png.PNGImageReaderSpi");

        static ImageReaderSpi forFormat(ImageFormat format) {
            return switch (format) {
                case JPEG -> JPEG_SPI;
                case PNG -> PNG_SPI;
                case WEBP -> WEBP_SPI;
            };
        }

        /**
         * The registry's instance of this plugin. Plugins are normally registered from the class
         * path on first use of ImageIO; where a class loader hides them (some fat-jar launchers),
         * register ours. Registration matters: the TwelveMonkeys JPEG plugin finds the JDK decoder
         * it delegates to when it is registered.
         */
        private static ImageReaderSpi registered(ImageReaderSpi fresh) {
            IIORegistry registry = IIORegistry.getDefaultInstance();
            ImageReaderSpi found = registry.getServiceProviderByClass(fresh.getClass());
            if (found == null) {
                registry.registerServiceProvider(fresh);
                found = registry.getServiceProviderByClass(fresh.getClass());
            }
            return found;
        }

        private static ImageReaderSpi byClassName(String name) {
            Iterator<ImageReaderSpi> it = IIORegistry.getDefaultInstance()
                    .getServiceProviders(ImageReaderSpi.class, spi -> spi.getClass().getName().equals(name), false);
            if (!it.hasNext()) {
                throw new IllegalStateException("the JDK's image reader " + name + " is missing (java.desktop module?)");
            }
            return it.next();
        }
    }
}
