package org.sadasya.face.image.jpeg;

import java.util.ArrayList;
import java.util.List;
import org.sadasya.face.image.RgbImage;

/**
 * A JPEG decoder whose pixels equal those of the pure-JavaScript decoder jpeg-js 0.4.4
 * ({@code decode(buf, {useTArray: true, formatAsRGBA: false})}, other options at their defaults),
 * which decoded every photo of the JavaScript face-stack reference (@vladmandic/human, see
 * shared/research/tfjs-reference.md). libjpeg (ImageIO) gives different pixels — another IDCT and
 * "fancy" triangular chroma upsampling — and those differences move face embeddings, so parity
 * with the reference needs jpeg-js's arithmetic, reproduced here:
 *
 * <ul>
 *   <li>the integer IDCT of {@link JpegJsIdct}, dequantizing with the tables as defined at the end
 *       of the file;</li>
 *   <li>chroma upsampling by pixel replication: sample {@code floor(x * h / maxH)} of the
 *       component's row {@code floor(y * v / maxV)}, computed in doubles as jpeg-js does;</li>
 *   <li>YCbCr → RGB in doubles ({@code R = Y + 1.402 (Cr-128)},
 *       {@code G = Y - 0.3441363 (Cb-128) - 0.71413636 (Cr-128)}, {@code B = Y + 1.772 (Cb-128)}),
 *       clamped to 0..255 and then truncated (not rounded);</li>
 *   <li>three components are always treated as YCbCr, whatever an Adobe APP14 marker says
 *       (jpeg-js's default {@code colorTransform}); four components need an Adobe marker and are
 *       YCCK when its transform flag is set, CMYK otherwise, converted to RGB as jpeg-js does;</li>
 *   <li>no EXIF orientation is applied.</li>
 * </ul>
 *
 * <p>Supported: baseline, extended (8-bit) and progressive Huffman JPEGs with 1, 3 or 4 components,
 * any sampling factors 1..4, restart intervals. Refused with a {@link JpegDecodeException}:
 * arithmetic coding, lossless and hierarchical JPEG, 12-bit samples, 2 components, and — unlike
 * jpeg-js, which returns grey areas — truncated or corrupt data. All work is bounded by the
 * input size and the pixel limit; no input makes it hang or throw anything but
 * {@link JpegDecodeException} (or {@link OutOfMemoryError} when the heap cannot hold an image
 * within the limit). Memory: about 2 bytes per component sample for the coefficients (kept for
 * all scans) plus 1 per sample for the planes and 3 per pixel for the result, i.e. roughly
 * 7.5 bytes per pixel for 4:2:0 and 12 for 4:4:4.
 *
 * <p>A progressive file cut exactly at a scan boundary and closed with an EOI marker is still a
 * well-formed JPEG and decodes (with less detail), as it does in jpeg-js and libjpeg.
 */
public final class JpegJsDecoder {
    /** jpeg-js's own default limit ({@code maxResolutionInMP: 100}). */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** Far above any real progressive file (libjpeg's standard scripts use at most 10). */
    private static final int MAX_SCANS = 1000;

    /**
     * Coefficient visits allowed per coefficient, summed over all scans. A valid file visits each
     * coefficient once in its first scan and once per refinement bit (at most 13 refinements), so
     * 16 is never reached by a real JPEG; it stops a small hostile file from repeating cheap
     * end-of-band scans over a large frame until decoding takes minutes.
     */
    private static final long MAX_VISITS_PER_COEFFICIENT = 16;

    private JpegJsDecoder() {}

    /** Decodes with the {@link #DEFAULT_MAX_PIXELS} limit. */
    public static RgbImage decode(byte[] jpeg) throws JpegDecodeException {
        return decode(jpeg, DEFAULT_MAX_PIXELS);
    }

    /**
     * Decodes a JPEG to 8-bit RGB exactly as jpeg-js 0.4.4 does.
     *
     * @param maxPixels refuse, before allocating anything image-sized, a frame whose width × height
     *     exceeds this
     */
    public static RgbImage decode(byte[] jpeg, long maxPixels) throws JpegDecodeException {
        if (jpeg == null) {
            throw new JpegDecodeException("not a JPEG: no data");
        }
        try {
            Parser parser = new Parser(jpeg, maxPixels, false);
            parser.parse();
            return parser.toImage();
        } catch (RuntimeException e) {
            // Every bound is checked explicitly; this is a last line of defence, so that hostile
            // input can only ever surface as the checked exception.
            throw new JpegDecodeException("corrupt JPEG data: " + e, e);
        }
    }

    /**
     * The frame's {width, height} from the SOF header, reading only the marker segments before it.
     */
    public static int[] readDimensions(byte[] jpeg) throws JpegDecodeException {
        if (jpeg == null) {
            throw new JpegDecodeException("not a JPEG: no data");
        }
        try {
            Parser parser = new Parser(jpeg, Long.MAX_VALUE, true);
            parser.parse();
            return new int[] {parser.width, parser.height};
        } catch (RuntimeException e) {
            throw new JpegDecodeException("corrupt JPEG data: " + e, e);
        }
    }

    /** Walks the marker segments in jpeg-js's order and with its tolerance for known encoder quirks. */
    private static final class Parser {
        private final byte[] data;
        private final long maxPixels;
        private final boolean headerOnly;
        private int offset;

        private final int[][] quantizationTables = new int[16][];
        private final HuffmanTable[] dcTables = new HuffmanTable[16];
        private final HuffmanTable[] acTables = new HuffmanTable[16];
        private int restartInterval;
        private boolean adobe;
        private int adobeTransform;

        private boolean frameSeen;
        private boolean progressive;
        private int width;
        private int height;
        private FrameComponent[] components;
        private int maxH;
        private int maxV;
        private int mcusPerLine;
        private int mcusPerColumn;
        private int scans;
        private long coefficientVisits;
        private long coefficientCount;

        Parser(byte[] data, long maxPixels, boolean headerOnly) {
            this.data = data;
            this.maxPixels = maxPixels;
            this.headerOnly = headerOnly;
        }

        private int readUint16() throws JpegDecodeException {
            if (offset + 2 > data.length) {
                throw new JpegDecodeException(frameSeen
                        ? "truncated JPEG data: missing EOI marker"
                        : "truncated JPEG data: the file ends before the frame header");
            }
            int value = ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
            offset += 2;
            return value;
        }

        private int readByte() throws JpegDecodeException {
            if (offset >= data.length) {
                throw new JpegDecodeException("truncated JPEG data: the file ends inside a marker segment");
            }
            return data[offset++] & 0xFF;
        }

        /** Reads a segment length and returns the offset just past the segment. */
        private int segmentEnd(int marker) throws JpegDecodeException {
            int length = readUint16();
            if (length < 2) {
                throw new JpegDecodeException(String.format("corrupt JPEG data: marker %04X has segment length %d", marker, length));
            }
            int end = offset + length - 2;
            if (end > data.length) {
                throw new JpegDecodeException(String.format("truncated JPEG data: the file ends inside marker segment %04X", marker));
            }
            return end;
        }

        void parse() throws JpegDecodeException {
            if (data.length < 2 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
                throw new JpegDecodeException("not a JPEG: missing SOI marker" + describeOtherFormat(data));
            }
            offset = 2;
            boolean recoveredMalformedApp = false;
            int marker = readUint16();
            while (marker != 0xFFD9) {
                switch (marker) {
                    case 0xFF00 -> { } // jpeg-js steps over stray stuffed zeros
                    case 0xFFE0, 0xFFE1, 0xFFE2, 0xFFE3, 0xFFE4, 0xFFE5, 0xFFE6, 0xFFE7,
                         0xFFE8, 0xFFE9, 0xFFEA, 0xFFEB, 0xFFEC, 0xFFED, 0xFFEE, 0xFFEF, 0xFFFE -> {
                        int end = segmentEnd(marker);
                        if (marker == 0xFFEE) {
                            readAdobe(offset, end);
                        }
                        offset = end;
                    }
                    case 0xFFDB -> readQuantizationTables();
                    case 0xFFC0, 0xFFC1, 0xFFC2 -> {
                        readFrame(marker);
                        if (headerOnly) {
                            return;
                        }
                    }
                    case 0xFFC4 -> readHuffmanTables();
                    case 0xFFDD -> {
                        segmentEnd(marker);
                        restartInterval = readUint16();
                    }
                    case 0xFFDC -> { // DNL: jpeg-js ignores the height it carries
                        segmentEnd(marker);
                        readUint16();
                    }
                    case 0xFFDA -> {
                        if (headerOnly) {
                            throw new JpegDecodeException("corrupt JPEG data: scan before the frame header");
                        }
                        readScan();
                    }
                    case 0xFFFF -> { // fill byte: do not swallow the FF of the marker after it
                        if (offset >= data.length || (data[offset] & 0xFF) != 0xFF) {
                            offset--;
                        }
                    }
                    default -> {
                        if (offset >= 3 && (data[offset - 3] & 0xFF) == 0xFF
                                && (data[offset - 2] & 0xFF) >= 0xC0 && (data[offset - 2] & 0xFF) <= 0xFE) {
                            // jpeg-js: the encoder ate the last 0xFF byte of the previous block;
                            // re-read one byte earlier (progress is still made: see below).
                            offset -= 3;
                            int realigned = readUint16();
                            if (isKnownSegment(realigned)) {
                                marker = realigned;
                                continue;
                            }
                            throw unknownMarker(realigned);
                        }
                        if ((marker == 0xE0 || marker == 0xE1) && !recoveredMalformedApp) {
                            // jpeg-js: malformed APP0/APP1 written by some phones (jpeg-js issue #82)
                            recoveredMalformedApp = true;
                            int next = readUint16();
                            int target = offset + next - 2;
                            if (next >= 2 && target < data.length && (data[target] & 0xFF) == 0xFF) {
                                offset = target;
                                break;
                            }
                        }
                        throw unknownMarker(marker);
                    }
                }
                marker = readUint16();
            }
            if (!frameSeen) {
                throw new JpegDecodeException("corrupt JPEG data: no frame header (SOF) before EOI");
            }
        }

        /** Markers the switch above handles by reading a segment, so re-dispatching them moves forward. */
        private static boolean isKnownSegment(int marker) {
            return (marker >= 0xFFE0 && marker <= 0xFFEF) || marker == 0xFFFE || marker == 0xFFDB
                    || marker == 0xFFC0 || marker == 0xFFC1 || marker == 0xFFC2 || marker == 0xFFC4
                    || marker == 0xFFDD || marker == 0xFFDC || marker == 0xFFDA || marker == 0xFFD9;
        }

        private JpegDecodeException unknownMarker(int marker) {
            return switch (marker) {
                case 0xFFC9, 0xFFCA, 0xFFCB, 0xFFCD, 0xFFCE, 0xFFCF -> new JpegDecodeException("unsupported: arithmetic coding");
                case 0xFFC3 -> new JpegDecodeException("unsupported: lossless JPEG");
                case 0xFFC5, 0xFFC6, 0xFFC7, 0xFFDE, 0xFFDF -> new JpegDecodeException("unsupported: hierarchical JPEG");
                case 0xFFCC -> new JpegDecodeException("unsupported: arithmetic coding (DAC marker)");
                case 0xFFD8 -> new JpegDecodeException("corrupt JPEG data: second SOI marker");
                default -> new JpegDecodeException(String.format("corrupt JPEG data: unknown marker %04X at offset %d",
                        marker, offset - 2));
            };
        }

        private void readAdobe(int start, int end) {
            if (end - start >= 6 && data[start] == 'A' && data[start + 1] == 'd' && data[start + 2] == 'o'
                    && data[start + 3] == 'b' && data[start + 4] == 'e' && data[start + 5] == 0) {
                adobe = true;
                adobeTransform = end - start > 11 ? data[start + 11] & 0xFF : 0;
            }
        }

        private void readQuantizationTables() throws JpegDecodeException {
            int end = segmentEnd(0xFFDB);
            while (offset < end) {
                int spec = readByte();
                int precision = spec >> 4;
                if (precision > 1) {
                    throw new JpegDecodeException("corrupt JPEG data: invalid quantization table precision " + precision);
                }
                if (offset + 64 * (precision + 1) > end) {
                    throw new JpegDecodeException("corrupt JPEG data: quantization table overruns its segment");
                }
                int[] table = new int[64];
                for (int j = 0; j < 64; j++) {
                    table[ScanDecoder.ZIGZAG[j]] = precision == 0 ? readByte() : readUint16();
                }
                quantizationTables[spec & 15] = table;
            }
        }

        private void readHuffmanTables() throws JpegDecodeException {
            int end = segmentEnd(0xFFC4);
            while (offset < end) {
                int spec = readByte();
                if (offset + 16 > end) {
                    throw new JpegDecodeException("corrupt JPEG data: Huffman table overruns its segment");
                }
                int[] counts = new int[16];
                int total = 0;
                for (int j = 0; j < 16; j++) {
                    counts[j] = readByte();
                    total += counts[j];
                }
                if (offset + total > end || total > 256) {
                    throw new JpegDecodeException("corrupt JPEG data: Huffman table overruns its segment");
                }
                int[] values = new int[total];
                for (int j = 0; j < total; j++) {
                    values[j] = readByte();
                }
                // jpeg-js: class 0 is DC, any other class AC
                ((spec >> 4) == 0 ? dcTables : acTables)[spec & 15] = HuffmanTable.build(counts, values);
            }
        }

        private void readFrame(int marker) throws JpegDecodeException {
            if (frameSeen) {
                throw new JpegDecodeException("unsupported: more than one frame");
            }
            int end = segmentEnd(marker);
            if (end - offset < 6) {
                throw new JpegDecodeException("corrupt JPEG data: frame header too short");
            }
            int precision = readByte();
            height = readUint16();
            width = readUint16();
            int count = readByte();
            if (precision != 8) {
                throw new JpegDecodeException("unsupported: " + precision + "-bit samples (only 8-bit)");
            }
            if (width == 0) {
                throw new JpegDecodeException("corrupt JPEG data: image width 0");
            }
            if (height == 0) {
                throw new JpegDecodeException("unsupported: image height defined by a DNL marker");
            }
            if ((long) width * height > maxPixels) {
                throw new JpegDecodeException(String.format("image too large: %dx%d exceeds the limit of %d pixels",
                        width, height, maxPixels));
            }
            if (count != 1 && count != 3 && count != 4) {
                throw new JpegDecodeException("unsupported: " + count + " colour components (only 1, 3 or 4)");
            }
            if (end - offset < 3 * count) {
                throw new JpegDecodeException("corrupt JPEG data: frame header too short");
            }
            frameSeen = true;
            progressive = marker == 0xFFC2;
            components = new FrameComponent[count];
            maxH = 1;
            maxV = 1;
            for (int i = 0; i < count; i++) {
                int id = readByte();
                int sampling = readByte();
                int qId = readByte();
                int h = sampling >> 4;
                int v = sampling & 15;
                if (h < 1 || h > 4 || v < 1 || v > 4) {
                    throw new JpegDecodeException("corrupt JPEG data: sampling factor " + h + "x" + v + " outside 1..4");
                }
                for (int j = 0; j < i; j++) {
                    if (components[j].id == id) {
                        throw new JpegDecodeException("corrupt JPEG data: component id " + id + " appears twice");
                    }
                }
                components[i] = new FrameComponent(id, h, v, qId & 15);
                maxH = Math.max(maxH, h);
                maxV = Math.max(maxV, v);
            }
            offset = end;
            if (headerOnly) {
                return;
            }
            mcusPerLine = ceilDiv(width, 8 * maxH);
            mcusPerColumn = ceilDiv(height, 8 * maxV);
            for (FrameComponent c : components) {
                c.blocksPerLine = ceilDiv(ceilDiv(width, 8) * c.h, maxH);
                c.blocksPerColumn = ceilDiv(ceilDiv(height, 8) * c.v, maxV);
                c.blocksPerLineForMcu = mcusPerLine * c.h;
                c.blocksPerColumnForMcu = mcusPerColumn * c.v;
                c.coefficients = new short[Math.multiplyExact(c.blocksPerLineForMcu * c.blocksPerColumnForMcu, 64)];
                coefficientCount += c.coefficients.length;
            }
        }

        private void readScan() throws JpegDecodeException {
            if (!frameSeen) {
                throw new JpegDecodeException("corrupt JPEG data: scan before the frame header");
            }
            if (++scans > MAX_SCANS) {
                throw new JpegDecodeException("corrupt JPEG data: more than " + MAX_SCANS + " scans");
            }
            int end = segmentEnd(0xFFDA);
            int count = readByte();
            if (count < 1 || count > 4 || end - offset < 2 * count + 3) {
                throw new JpegDecodeException("corrupt JPEG data: invalid scan header");
            }
            FrameComponent[] scanComponents = new FrameComponent[count];
            for (int i = 0; i < count; i++) {
                int id = readByte();
                int tables = readByte();
                FrameComponent c = null;
                for (FrameComponent candidate : components) {
                    if (candidate.id == id) {
                        c = candidate;
                    }
                }
                if (c == null) {
                    throw new JpegDecodeException("corrupt JPEG data: scan refers to unknown component " + id);
                }
                c.dcTable = dcTables[tables >> 4];
                c.acTable = acTables[tables & 15];
                c.scanned = true;
                scanComponents[i] = c;
            }
            int spectralStart = readByte();
            int spectralEnd = readByte();
            int approximation = readByte();
            if (progressive && (spectralEnd > 63 || spectralStart > spectralEnd || (spectralStart == 0 && spectralEnd != 0))) {
                throw new JpegDecodeException("corrupt JPEG data: invalid spectral selection " + spectralStart + ".." + spectralEnd);
            }
            long band = progressive ? spectralEnd - spectralStart + 1 : 64;
            for (FrameComponent c : scanComponents) {
                long blocks = count == 1 ? (long) c.blocksPerLine * c.blocksPerColumn
                        : (long) mcusPerLine * mcusPerColumn * c.h * c.v;
                coefficientVisits += blocks * band;
            }
            if (coefficientVisits > MAX_VISITS_PER_COEFFICIENT * coefficientCount) {
                throw new JpegDecodeException("corrupt JPEG data: the scans refine the coefficients more often than any valid JPEG");
            }
            offset = ScanDecoder.decode(data, offset, progressive, mcusPerLine, mcusPerColumn, scanComponents,
                    restartInterval, spectralStart, spectralEnd, approximation >> 4, approximation & 15);
        }

        RgbImage toImage() throws JpegDecodeException {
            for (FrameComponent c : components) {
                if (!c.scanned) {
                    throw new JpegDecodeException("truncated JPEG data: no scan for component " + c.id);
                }
                if (quantizationTables[c.quantizationTableIndex] == null) {
                    throw new JpegDecodeException("corrupt JPEG data: undefined quantization table " + c.quantizationTableIndex);
                }
            }
            if (components.length == 4 && !adobe) {
                throw new JpegDecodeException("unsupported: 4 colour components without an Adobe marker");
            }
            int n = components.length;
            byte[][] planes = new byte[n][];
            int[] strides = new int[n];
            for (int i = 0; i < n; i++) {
                planes[i] = samples(components[i]);
                strides[i] = components[i].blocksPerLine << 3;
            }
            // jpeg-js: sample index = 0 | (x * (h / maxH) * (this.width / width)), in doubles
            int[][] columns = new int[n][width];
            int[][] rows = new int[n][height];
            for (int i = 0; i < n; i++) {
                double scaleX = (double) components[i].h / maxH;
                double scaleY = (double) components[i].v / maxV;
                for (int x = 0; x < width; x++) {
                    columns[i][x] = (int) (x * scaleX * 1.0);
                }
                for (int y = 0; y < height; y++) {
                    rows[i][y] = (int) (y * scaleY * 1.0) * strides[i];
                }
            }
            byte[] rgb = new byte[Math.multiplyExact(width * height, 3)];
            switch (n) {
                case 1 -> toGrey(planes[0], rows[0], columns[0], rgb);
                case 3 -> toRgbFromYCbCr(planes, rows, columns, rgb);
                default -> toRgbFromCmyk(planes, rows, columns, adobeTransform != 0, rgb);
            }
            return new RgbImage(width, height, rgb);
        }

        /** The component's samples: blocksPerLine × 8 wide, blocksPerColumn × 8 high. */
        private byte[] samples(FrameComponent c) {
            int[] qt = quantizationTables[c.quantizationTableIndex];
            int stride = c.blocksPerLine << 3;
            byte[] plane = new byte[Math.multiplyExact(stride, c.blocksPerColumn << 3)];
            int[] scratch = new int[64];
            for (int blockRow = 0; blockRow < c.blocksPerColumn; blockRow++) {
                for (int blockCol = 0; blockCol < c.blocksPerLine; blockCol++) {
                    JpegJsIdct.transform(c.coefficients, c.blockOffset(blockRow, blockCol), qt, scratch,
                            plane, (blockRow << 3) * stride + (blockCol << 3), stride);
                }
            }
            c.coefficients = null; // let the largest allocation go before the RGB buffer is made
            return plane;
        }

        private void toGrey(byte[] plane, int[] rows, int[] columns, byte[] rgb) {
            int o = 0;
            for (int y = 0; y < height; y++) {
                int row = rows[y];
                for (int x = 0; x < width; x++) {
                    byte g = plane[row + columns[x]];
                    rgb[o++] = g;
                    rgb[o++] = g;
                    rgb[o++] = g;
                }
            }
        }

        private void toRgbFromYCbCr(byte[][] planes, int[][] rows, int[][] columns, byte[] rgb) {
            byte[] p0 = planes[0];
            byte[] p1 = planes[1];
            byte[] p2 = planes[2];
            int[] c0 = columns[0];
            int[] c1 = columns[1];
            int[] c2 = columns[2];
            int o = 0;
            for (int y = 0; y < height; y++) {
                int r0 = rows[0][y];
                int r1 = rows[1][y];
                int r2 = rows[2][y];
                for (int x = 0; x < width; x++) {
                    int lum = p0[r0 + c0[x]] & 0xFF;
                    int cb = p1[r1 + c1[x]] & 0xFF;
                    int cr = p2[r2 + c2[x]] & 0xFF;
                    rgb[o++] = (byte) toByte(lum + 1.402 * (cr - 128));
                    rgb[o++] = (byte) toByte(lum - 0.3441363 * (cb - 128) - 0.71413636 * (cr - 128));
                    rgb[o++] = (byte) toByte(lum + 1.772 * (cb - 128));
                }
            }
        }

        private void toRgbFromCmyk(byte[][] planes, int[][] rows, int[][] columns, boolean ycck, byte[] rgb) {
            int o = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int v0 = planes[0][rows[0][y] + columns[0][x]] & 0xFF;
                    int v1 = planes[1][rows[1][y] + columns[1][x]] & 0xFF;
                    int v2 = planes[2][rows[2][y] + columns[2][x]] & 0xFF;
                    int k = planes[3][rows[3][y] + columns[3][x]] & 0xFF;
                    // getData(): the bytes it stores are 255 - C etc., truncated to integers
                    int c;
                    int m;
                    int ye;
                    if (ycck) {
                        double cc = 255 - clamp(v0 + 1.402 * (v2 - 128));
                        double mm = 255 - clamp(v0 - 0.3441363 * (v1 - 128) - 0.71413636 * (v2 - 128));
                        double yy = 255 - clamp(v0 + 1.772 * (v1 - 128));
                        c = (int) (255 - cc);
                        m = (int) (255 - mm);
                        ye = (int) (255 - yy);
                    } else {
                        c = 255 - v0;
                        m = 255 - v1;
                        ye = 255 - v2;
                    }
                    int kk = 255 - k;
                    // copyToImageData(): R = 255 - clamp(C * (1 - K/255) + K), truncated
                    double f = 1 - kk / 255.0;
                    rgb[o++] = (byte) (int) (255 - clamp(c * f + kk));
                    rgb[o++] = (byte) (int) (255 - clamp(m * f + kk));
                    rgb[o++] = (byte) (int) (255 - clamp(ye * f + kk));
                }
            }
        }
    }

    private static double clamp(double a) {
        return a < 0 ? 0 : a > 255 ? 255 : a;
    }

    /** jpeg-js's clampTo8bit followed by the Uint8Array store, which truncates. */
    private static int toByte(double a) {
        return a < 0 ? 0 : a > 255 ? 255 : (int) a;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static String describeOtherFormat(byte[] d) {
        if (d.length >= 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F'
                && d[8] == 'W' && d[9] == 'E' && d[10] == 'B' && d[11] == 'P') {
            return " (the data is a WebP image)";
        }
        if (d.length >= 8 && (d[0] & 0xFF) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G') {
            return " (the data is a PNG image)";
        }
        if (d.length >= 4 && d[0] == 'G' && d[1] == 'I' && d[2] == 'F' && d[3] == '8') {
            return " (the data is a GIF image)";
        }
        if (d.length == 0) {
            return " (no data)";
        }
        return "";
    }
}
