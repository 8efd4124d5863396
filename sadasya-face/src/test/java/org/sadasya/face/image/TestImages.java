package org.sadasya.face.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Builds the synthetic inputs of the intake tests: bad files, odd PNGs, EXIF blocks. */
public final class TestImages {

    private TestImages() {}

    /** {@code image} encoded by the JDK's writer for {@code format} ("png", "jpeg", "gif", "bmp", "tiff"). */
    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An image filled with one colour. */
    public static BufferedImage filled(int width, int height, int type, int rgb) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    // ---- PNG built chunk by chunk (PNG spec, section 5) ----

    public static byte[] png(int width, int height, int bitDepth, int colourType, byte[] idatZlib, byte[]... extraChunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
        ihdr.put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(chunk("IHDR", ihdr.array()));
        for (byte[] extra : extraChunks) {
            out.writeBytes(extra);
        }
        out.writeBytes(chunk("IDAT", idatZlib));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    public static byte[] chunk(String type, byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        try {
            out.writeInt(data.length);
            out.write(typeBytes);
            out.write(data);
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A valid, all-black, 1-bit greyscale PNG of the given size. 20000 × 20000 takes about 50 KB
     * (deflate squeezes the 50 MB of zero rows about 1000:1) and no large buffer to make; decoding
     * it to RGB would need 1.2 GB.
     */
    public static byte[] blackOneBitPng(int width, int height) {
        byte[] row = new byte[1 + (width + 7) / 8]; // filter byte "none", then packed pixels
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(zlib, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            for (int y = 0; y < height; y++) {
                out.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png(width, height, 1, 0, zlib.toByteArray());
    }

    /**
     * A 64 × 64 grey PNG with a zTXt chunk that inflates to {@code mebibytes} MiB of zeros: a
     * decompression bomb hidden in metadata. The zlib stream repeats one independently compressed,
     * byte-aligned deflate block (sync flush) instead of compressing the whole size, so a
     * gigabyte takes a millisecond to make.
     */
    public static byte[] pngWithTextBomb(int mebibytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(new byte[1 << 20]);
        byte[] buffer = new byte[1 << 16];
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            block.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        deflater.end();
        byte[] oneMebibyte = block.toByteArray();

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes("Comment".getBytes(StandardCharsets.US_ASCII));
        text.write(0); // keyword terminator
        text.write(0); // compression method: zlib
        text.write(0x78);
        text.write(0x9c); // zlib header
        for (int i = 0; i < mebibytes; i++) {
            text.writeBytes(oneMebibyte);
        }
        text.writeBytes(new byte[] {0x03, 0x00}); // final, empty fixed-Huffman block
        // Adler-32 of N zero bytes: a stays 1, b = N mod 65521.
        long total = (long) mebibytes << 20;
        text.writeBytes(ByteBuffer.allocate(4).putInt((int) ((total % 65521) << 16 | 1)).array());

        byte[] rows = new byte[64 * (1 + 64)];
        return png(64, 64, 8, 0, zlib(rows), chunk("zTXt", text.toByteArray()));
    }

    public static byte[] zlib(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG with an eXIf chunk holding {@code tiff}, placed after IHDR as PNG 1.5 says. */
    public static byte[] withPngExif(byte[] png, byte[] tiff) {
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        out.writeBytes(chunk("eXIf", tiff));
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    // ---- JPEG ----

    /** A JPEG with an APP1 "Exif" segment holding {@code tiff}, right after SOI. */
    public static byte[] withJpegExif(byte[] jpeg, byte[] tiff) {
        return withSegmentAfterSoi(jpeg, 0xe1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff));
    }

    public static byte[] withSegmentAfterSoi(byte[] jpeg, int marker, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xff);
        out.write(marker);
        int length = data.length + 2;
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(data);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /**
     * A CMYK JPEG as Photoshop writes it: four components, Adobe APP14 marker (transform 0), ink
     * values stored inverted (255 = no ink). Every pixel is C=0 M=200 Y=200 K=0, a red.
     */
    public static byte[] adobeCmykJpeg(int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        int[] inverted = {255 - 0, 255 - 200, 255 - 200, 255 - 0};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, inverted);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null); // a Raster: written as is, no JFIF
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0}; // version 100, flags 0, transform 0
        return withSegmentAfterSoi(bytes.toByteArray(), 0xee, adobe);
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Bytes allocated on this thread while {@code action} ran (HotSpot's per-thread counter). */
    public static long bytesAllocatedBy(ThrowingRunnable action) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            throw new AssertionError("this JVM cannot count allocated bytes per thread");
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * A minimal little-endian TIFF block as EXIF stores it: IFD0 plus, when used, the Exif and
     * GPS sub-IFDs (EXIF 2.32, section 4.6).
     */
    public static final class Exif {
        private static final int ASCII = 2;
        private static final int SHORT = 3;
        private static final int LONG = 4;
        private static final int RATIONAL = 5;

        private record Entry(int type, int count, byte[] value) {}

        private final Map<Integer, Entry> ifd0 = new TreeMap<>();
        private final Map<Integer, Entry> exif = new TreeMap<>();
        private final Map<Integer, Entry> gps = new TreeMap<>();

        public Exif orientation(int value) {
            ifd0.put(0x0112, new Entry(SHORT, 1, le(2, value)));
            return this;
        }

        public Exif make(String value) {
            ifd0.put(0x010f, ascii(value));
            return this;
        }

        public Exif model(String value) {
            ifd0.put(0x0110, ascii(value));
            return this;
        }

        public Exif dateTimeOriginal(String value) {
            exif.put(0x9003, ascii(value));
            return this;
        }

        public Exif offsetTimeOriginal(String value) {
            exif.put(0x9011, ascii(value));
            return this;
        }

        public Exif gps(double latitude, double longitude) {
            gps.put(0x0001, ascii(latitude >= 0 ? "N" : "S"));
            gps.put(0x0002, degreesMinutesSeconds(Math.abs(latitude)));
            gps.put(0x0003, ascii(longitude >= 0 ? "E" : "W"));
            gps.put(0x0004, degreesMinutesSeconds(Math.abs(longitude)));
            return this;
        }

        public byte[] build() {
            Map<Integer, Entry> root = new TreeMap<>(ifd0);
            if (!exif.isEmpty()) {
                root.put(0x8769, new Entry(LONG, 1, le(4, 0))); // pointer, set below
            }
            if (!gps.isEmpty()) {
                root.put(0x8825, new Entry(LONG, 1, le(4, 0)));
            }
            int rootAt = 8;
            int exifAt = rootAt + size(root);
            int gpsAt = exifAt + size(exif);
            if (!exif.isEmpty()) {
                root.put(0x8769, new Entry(LONG, 1, le(4, exifAt)));
            }
            if (!gps.isEmpty()) {
                root.put(0x8825, new Entry(LONG, 1, le(4, gpsAt)));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
            out.writeBytes(ifd(root, rootAt));
            if (!exif.isEmpty()) {
                out.writeBytes(ifd(exif, exifAt));
            }
            if (!gps.isEmpty()) {
                out.writeBytes(ifd(gps, gpsAt));
            }
            return out.toByteArray();
        }

        private static int size(Map<Integer, Entry> entries) {
            if (entries.isEmpty()) {
                return 0;
            }
            int size = 2 + 12 * entries.size() + 4;
            for (Entry e : entries.values()) {
                if (e.value.length > 4) {
                    size += e.value.length + (e.value.length & 1);
                }
            }
            return size;
        }

        private static byte[] ifd(Map<Integer, Entry> entries, int at) {
            ByteBuffer table = ByteBuffer.allocate(2 + 12 * entries.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            int dataAt = at + table.capacity();
            table.putShort((short) entries.size());
            for (Map.Entry<Integer, Entry> e : entries.entrySet()) {
                Entry entry = e.getValue();
                table.putShort(e.getKey().shortValue()).putShort((short) entry.type).putInt(entry.count);
                if (entry.value.length <= 4) {
                    table.put(Arrays.copyOf(entry.value, 4));
                } else {
                    table.putInt(dataAt + data.size());
                    data.writeBytes(entry.value);
                    if ((entry.value.length & 1) == 1) {
                        data.write(0);
                    }
                }
            }
            table.putInt(0); // no next IFD
            return concat(table.array(), data.toByteArray());
        }

        private static Entry ascii(String value) {
            byte[] bytes = (value + "\0").getBytes(StandardCharsets.US_ASCII);
            return new Entry(ASCII, bytes.length, bytes);
        }

        private static Entry degreesMinutesSeconds(double degrees) {
            int d = (int) degrees;
            int m = (int) ((degrees - d) * 60);
            long secondsE4 = Math.round(((degrees - d) * 60 - m) * 60 * 10_000);
            ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(d).putInt(1).putInt(m).putInt(1).putInt((int) secondsE4).putInt(10_000);
            return new Entry(RATIONAL, 3, b.array());
        }

        private static byte[] le(int bytes, int value) {
            ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (bytes == 2) {
                b.putShort((short) value);
            } else {
                b.putInt(value);
            }
            return b.array();
        }
    }
}
