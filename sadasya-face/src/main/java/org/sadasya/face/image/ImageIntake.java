package org.sadasya.face.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.sadasya.face.image.jpeg.JpegDecodeException;
import org.sadasya.face.image.jpeg.JpegJsDecoder;

/**
 * Turns an upload into upright RGB pixels, or refuses it with a stable {@link ImageErrorCode}.
 * Accepts JPEG, PNG and WebP, recognised by content. The limits are enforced before decoding: the
 * byte count first, then the dimensions from the header, so an oversized image never gets its
 * pixels allocated. Thread-safe: it holds only the limits, and each call uses its own decoder.
 *
 * <p>Every refusal is an {@link ImageRejectedException} whose message is fit for a log line or the
 * CLI's error JSON: no stack trace, no file content.
 */
public final class ImageIntake {

    /** Which JPEG decoder turns JPEGs into pixels. */
    public enum JpegDecoding {
        /**
         * libjpeg through ImageIO (TwelveMonkeys): smooth chroma upsampling, ICC profiles applied.
         * The default mode uses it: the presentation-attack texture features need it (with the
         * reference decoder's blocky chroma their held-out AUC fell from 0.77 to 0.59, README-pad.md).
         */
        STANDARD,
        /** {@link JpegJsDecoder}: exactly the pixels of the reference pipeline's decoder (jpeg-js 0.4.4). */
        REFERENCE
    }

    private final ImageLimits limits;
    private final JpegDecoding jpegDecoding;

    public ImageIntake(ImageLimits limits) {
        this(limits, JpegDecoding.STANDARD);
    }

    public ImageIntake(ImageLimits limits, JpegDecoding jpegDecoding) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.jpegDecoding = Objects.requireNonNull(jpegDecoding, "jpegDecoding");
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Decodes an image file; its size is checked before it is read. */
    public DecodedImage decode(Path file) throws ImageRejectedException {
        Objects.requireNonNull(file, "file");
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE, "no such file: " + file, e);
        } catch (IOException | SecurityException e) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE, "cannot read file " + file, e);
        }
        if (!attributes.isRegularFile()) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE, "not a regular file: " + file);
        }
        if (attributes.size() == 0) {
            throw empty();
        }
        limits.checkByteCount(attributes.size());
        byte[] bytes;
        // Read at most one byte over the limit, in case the file grew since it was measured.
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(limits.maxBytes() + 1);
        } catch (AccessDeniedException e) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE, "permission denied: " + file, e);
        } catch (IOException | SecurityException e) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE, "cannot read file " + file, e);
        }
        return decode(bytes);
    }

    /** What an upload's header says, checked against the limits without decoding any pixel. */
    public record ImageHeader(String format, int width, int height) {}

    /**
     * The cheap checks an upload can get before it is stored: byte count, format by content,
     * dimensions from the header, and (JPEG) that the file reaches its end-of-image marker. A file
     * that passes can still fail to decode later (damaged data inside the scan).
     */
    public ImageHeader inspect(byte[] bytes) throws ImageRejectedException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw empty();
        }
        limits.checkByteCount(bytes.length);
        ImageFormat format = ImageFormat.sniff(bytes);
        ImageReader reader = format.newReader();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            limits.checkDimensions(width, height);
            if (format == ImageFormat.JPEG && !JpegStructure.reachesEndOfImage(bytes)) {
                throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE,
                        "the JPEG is incomplete: it ends before its end-of-image marker (cut off in transfer?)");
            }
            return new ImageHeader(format.id, width, height);
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE,
                    "the " + format.displayName + " header cannot be read: the file is corrupt", e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The capture facts of an upload's EXIF, read from the EXIF block alone (never the whole file:
     * see {@link ImageExif}); {@link ExifFacts#NONE} for an unknown format or broken EXIF.
     */
    public static ExifFacts exifFacts(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return ExifFacts.NONE;
        }
        try {
            return ImageExif.read(bytes, ImageFormat.sniff(bytes)).facts();
        } catch (ImageRejectedException notAnImage) {
            return ExifFacts.NONE;
        }
    }

    /** Decodes an encoded JPEG, PNG or WebP. */
    public DecodedImage decode(byte[] bytes) throws ImageRejectedException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw empty();
        }
        limits.checkByteCount(bytes.length);
        ImageFormat format = ImageFormat.sniff(bytes);
        String name = format.displayName;
        try {
            return decode(bytes, format);
        } catch (IOException | RuntimeException e) {
            // Decoders report damage with IIOException, but also with IndexOutOfBounds,
            // IllegalArgument, NegativeArraySize... on crafted input: all mean the same here.
            String problem = endsEarly(e) ? "ends early: the file is incomplete" : "is corrupt and cannot be decoded";
            throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE, "the " + name + " data " + problem, e);
        } catch (OutOfMemoryError e) {
            // The limits keep one decode near 240 MB; this is the heap running out under load.
            // The failed allocation is released with the stack, so the process can go on.
            throw new ImageRejectedException(ImageErrorCode.IMAGE_TOO_LARGE,
                    "not enough memory to decode this " + name + " image now", e);
        }
    }

    private DecodedImage decode(byte[] bytes, ImageFormat format) throws IOException, ImageRejectedException {
        if (format == ImageFormat.JPEG && jpegDecoding == JpegDecoding.REFERENCE) {
            DecodedImage jpeg = decodeJpeg(bytes);
            if (jpeg != null) {
                return jpeg;
            }
        }
        ImageReader reader = format.newReader();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            // ignoreMetadata: we read EXIF ourselves, and the JDK PNG reader would otherwise
            // inflate every text chunk (a zTXt bomb runs it out of memory).
            reader.setInput(in, true, true);
            int storedWidth = reader.getWidth(0);
            int storedHeight = reader.getHeight(0);
            limits.checkDimensions(storedWidth, storedHeight);
            if (format == ImageFormat.JPEG && !JpegStructure.reachesEndOfImage(bytes)) {
                throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE,
                        "the JPEG is incomplete: it ends before its end-of-image marker (cut off in transfer?)");
            }
            ImageExif exif = ImageExif.read(bytes, format);

            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage decoded = reader.read(0);
            for (String warning : warnings) {
                if (meansLostData(warning)) {
                    throw new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE,
                            "the " + format.displayName + " data is damaged: parts of the picture are missing");
                }
            }
            RgbImage stored = RgbConversion.toRgb(decoded);
            decoded = null; // let the decoder's buffer go before the orientation copy is made
            return new DecodedImage(Orientation.apply(stored, exif.orientation()), format.id,
                    stored.width(), stored.height(), exif.orientation(), exif.facts());
        } finally {
            reader.dispose();
        }
    }

    /**
     * The reference decoding of a JPEG with {@link JpegJsDecoder}: pure Java, exactly the pixels of
     * the reference pipeline's decoder (jpeg-js 0.4.4; libjpeg's smoother chroma upsampling moved
     * face embeddings to cosine 0.988 of the reference). It ignores ICC profiles, as the reference
     * does. Returns null for the rare JPEG variants it does not implement (arithmetic coding,
     * 12-bit, lossless), which then go to the ImageIO reader.
     */
    private DecodedImage decodeJpeg(byte[] bytes) throws ImageRejectedException {
        int[] size;
        try {
            size = JpegJsDecoder.readDimensions(bytes);
        } catch (JpegDecodeException e) {
            if (isUnsupported(e)) {
                return null;
            }
            throw unreadableJpeg(e);
        }
        limits.checkDimensions(size[0], size[1]);
        ImageExif exif = ImageExif.read(bytes, ImageFormat.JPEG);
        RgbImage stored;
        try {
            stored = JpegJsDecoder.decode(bytes, limits.maxPixels());
        } catch (JpegDecodeException e) {
            if (isUnsupported(e)) {
                return null;
            }
            throw unreadableJpeg(e);
        }
        return new DecodedImage(Orientation.apply(stored, exif.orientation()), ImageFormat.JPEG.id,
                stored.width(), stored.height(), exif.orientation(), exif.facts());
    }

    private static boolean isUnsupported(JpegDecodeException e) {
        return e.getMessage() != null && e.getMessage().startsWith("unsupported:");
    }

    private static ImageRejectedException unreadableJpeg(JpegDecodeException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String problem = m.startsWith("truncated") ? "ends early: the file is incomplete (cut off in transfer?)"
                : "is corrupt and cannot be decoded (" + m + ")";
        return new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE, "the JPEG data " + problem, e);
    }

    /**
     * Whether a decoder warning means pixels were invented. libjpeg (jerror.h) warns and fills in
     * grey for "Premature end of JPEG file", "Corrupt JPEG data: premature end of data segment",
     * "... bad Huffman code" and "... found marker 0x.. instead of RST.."; the JDK adds
     * "Truncated File - Missing EOI marker". "Corrupt JPEG data: N extraneous bytes before marker"
     * loses nothing and is common in phone JPEGs, so it passes.
     */
    static boolean meansLostData(String warning) {
        String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
        return w.contains("premature end") || w.contains("truncated") || w.contains("bad huffman")
                || w.contains("instead of rst") || (w.contains("corrupt") && !w.contains("extraneous bytes"));
    }

    /** Whether the decoder ran out of data (the PNG reader wraps that EOFException in another). */
    private static boolean endsEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private static ImageRejectedException empty() {
        return new ImageRejectedException(ImageErrorCode.IMAGE_EMPTY, "the image is empty (0 bytes)");
    }
}
