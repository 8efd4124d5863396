package org.sadasya.face.image.jpeg;

/**
 * Entropy decoding of one scan (SOS segment) into the components' coefficient arrays, with
 * jpeg-js 0.4.4's semantics: bit-by-bit reading, its progressive refinement state machine (which
 * persists across blocks), its restart handling (predictions and EOB run reset every interval;
 * the bit buffer dropped; after the last MCU, bytes skipped up to the next marker).
 *
 * <p>Where jpeg-js silently carries on with bad data (reading past the end as zero bits, or
 * leaving MCUs undecoded when a marker comes early) this class throws instead, so truncated files
 * are reported rather than returned with grey areas.
 */
final class ScanDecoder {
    /** Zig-zag position → natural (row-major) position. */
    static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6,
        7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31,
        39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    };

    private static final int BASELINE = 0;
    private static final int DC_FIRST = 1;
    private static final int DC_SUCCESSIVE = 2;
    private static final int AC_FIRST = 3;
    private static final int AC_SUCCESSIVE = 4;

    private final byte[] data;
    private int pos;
    private int bitsData;
    private int bitsCount;

    private final int mode;
    private final int spectralStart;
    private final int spectralEnd;
    private final int successive;

    private int eobrun;
    private int successiveAcState;
    private int successiveAcNextValue;

    private ScanDecoder(byte[] data, int pos, int mode, int spectralStart, int spectralEnd, int successive) {
        this.data = data;
        this.pos = pos;
        this.mode = mode;
        this.spectralStart = spectralStart;
        this.spectralEnd = spectralEnd;
        this.successive = successive;
    }

    /**
     * Decodes the entropy-coded data that starts at {@code offset} and returns the offset of the
     * marker that ends the scan.
     */
    static int decode(byte[] data, int offset, boolean progressive, int mcusPerLine, int mcusPerColumn,
            FrameComponent[] components, int restartInterval,
            int spectralStart, int spectralEnd, int successivePrev, int successive) throws JpegDecodeException {
        int mode;
        if (!progressive) {
            mode = BASELINE;
        } else if (spectralStart == 0) {
            mode = successivePrev == 0 ? DC_FIRST : DC_SUCCESSIVE;
        } else {
            mode = successivePrev == 0 ? AC_FIRST : AC_SUCCESSIVE;
        }
        ScanDecoder scan = new ScanDecoder(data, offset, mode, spectralStart, spectralEnd, successive);
        scan.run(components, mcusPerLine, mcusPerColumn, restartInterval);
        return scan.pos;
    }

    private void run(FrameComponent[] components, int mcusPerLine, int mcusPerColumn, int restartInterval)
            throws JpegDecodeException {
        boolean single = components.length == 1;
        long expected = single
                ? (long) components[0].blocksPerLine * components[0].blocksPerColumn
                : (long) mcusPerLine * mcusPerColumn;
        int mcuExpected = Math.toIntExact(expected);
        int interval = restartInterval == 0 ? mcuExpected : restartInterval;
        int mcu = 0;
        while (mcu < mcuExpected) {
            for (FrameComponent c : components) {
                c.pred = 0;
            }
            eobrun = 0;
            if (single) {
                // jpeg-js runs a whole interval even past the last block (those blocks are then
                // skipped or the read fails); stopping at the last block is the same for any file
                // jpeg-js decodes.
                FrameComponent c = components[0];
                for (int n = 0; n < interval && mcu < mcuExpected; n++, mcu++) {
                    int blockRow = mcu / c.blocksPerLine;
                    int blockCol = mcu % c.blocksPerLine;
                    decodeBlock(c, c.blockOffset(blockRow, blockCol));
                }
            } else {
                for (int n = 0; n < interval; n++) {
                    int mcuRow = mcu / mcusPerLine;
                    int mcuCol = mcu % mcusPerLine;
                    for (FrameComponent c : components) {
                        for (int j = 0; j < c.v; j++) {
                            int blockRow = mcuRow * c.v + j;
                            for (int k = 0; k < c.h; k++) {
                                decodeBlock(c, c.blockOffset(blockRow, mcuCol * c.h + k));
                            }
                        }
                    }
                    mcu++;
                    if (mcu == mcuExpected) {
                        break;
                    }
                }
            }

            if (mcu == mcuExpected) {
                // Skip padding or junk after the last MCU, up to the next marker.
                do {
                    if (pos + 1 < data.length && data[pos] == (byte) 0xFF && data[pos + 1] != 0) {
                        break;
                    }
                    pos++;
                } while (pos < data.length - 2);
            }

            bitsCount = 0;
            if (pos + 1 >= data.length) {
                throw new JpegDecodeException("truncated JPEG data: the file ends inside a scan (missing EOI marker)");
            }
            int marker = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
            if (marker < 0xFF00) {
                throw new JpegDecodeException("corrupt JPEG data: no marker after MCU " + mcu + " of " + mcuExpected
                        + " (restart interval " + interval + ")");
            }
            if (marker >= 0xFFD0 && marker <= 0xFFD7) {
                pos += 2;
            } else {
                if (mcu < mcuExpected) {
                    throw new JpegDecodeException(String.format(
                            "truncated JPEG data: scan ends with marker %04X after %d of %d MCUs", marker, mcu, mcuExpected));
                }
                break;
            }
        }
    }

    int readBit() throws JpegDecodeException {
        if (bitsCount > 0) {
            bitsCount--;
            return (bitsData >> bitsCount) & 1;
        }
        if (pos >= data.length) {
            throw new JpegDecodeException("truncated JPEG data: the file ends inside entropy-coded data");
        }
        int b = data[pos++] & 0xFF;
        if (b == 0xFF) {
            if (pos >= data.length) {
                throw new JpegDecodeException("truncated JPEG data: the file ends inside entropy-coded data");
            }
            int next = data[pos++] & 0xFF;
            if (next != 0) {
                if (next == 0xD9) {
                    throw new JpegDecodeException("truncated JPEG data: EOI marker before all MCUs of a scan were decoded");
                }
                throw new JpegDecodeException(String.format(
                        "corrupt JPEG data: unexpected marker FF%02X inside entropy-coded data", next));
            }
        }
        bitsData = b;
        bitsCount = 7;
        return b >>> 7;
    }

    private int receive(int length) throws JpegDecodeException {
        int n = 0;
        while (length > 0) {
            n = (n << 1) | readBit();
            length--;
        }
        return n;
    }

    private int receiveAndExtend(int length) throws JpegDecodeException {
        int n = receive(length);
        if (n >= 1 << (length - 1)) {
            return n;
        }
        return n + (-1 << length) + 1;
    }

    private void decodeBlock(FrameComponent c, int off) throws JpegDecodeException {
        switch (mode) {
            case BASELINE -> decodeBaseline(c, off);
            case DC_FIRST -> decodeDcFirst(c, off);
            case DC_SUCCESSIVE -> c.coefficients[off] |= readBit() << successive;
            case AC_FIRST -> decodeAcFirst(c, off);
            default -> decodeAcSuccessive(c, off);
        }
    }

    private static HuffmanTable dc(FrameComponent c) throws JpegDecodeException {
        if (c.dcTable == null) {
            throw new JpegDecodeException("corrupt JPEG data: scan uses an undefined DC Huffman table (component " + c.id + ")");
        }
        return c.dcTable;
    }

    private static HuffmanTable ac(FrameComponent c) throws JpegDecodeException {
        if (c.acTable == null) {
            throw new JpegDecodeException("corrupt JPEG data: scan uses an undefined AC Huffman table (component " + c.id + ")");
        }
        return c.acTable;
    }

    private void decodeBaseline(FrameComponent c, int off) throws JpegDecodeException {
        short[] zz = c.coefficients;
        int t = dc(c).decode(this);
        int diff = t == 0 ? 0 : receiveAndExtend(t);
        c.pred += diff;
        zz[off] = (short) c.pred;
        HuffmanTable acTable = ac(c);
        int k = 1;
        while (k < 64) {
            int rs = acTable.decode(this);
            int s = rs & 15;
            int r = rs >> 4;
            if (s == 0) {
                if (r < 15) {
                    break;
                }
                k += 16;
                continue;
            }
            k += r;
            int value = receiveAndExtend(s);
            if (k < 64) { // jpeg-js drops a coefficient that a corrupt run pushes past the block
                zz[off + ZIGZAG[k]] = (short) value;
            }
            k++;
        }
    }

    private void decodeDcFirst(FrameComponent c, int off) throws JpegDecodeException {
        int t = dc(c).decode(this);
        int diff = t == 0 ? 0 : (receiveAndExtend(t) << successive);
        c.pred += diff;
        c.coefficients[off] = (short) c.pred;
    }

    private void decodeAcFirst(FrameComponent c, int off) throws JpegDecodeException {
        if (eobrun > 0) {
            eobrun--;
            return;
        }
        short[] zz = c.coefficients;
        HuffmanTable acTable = ac(c);
        int k = spectralStart;
        int e = spectralEnd;
        while (k <= e) {
            int rs = acTable.decode(this);
            int s = rs & 15;
            int r = rs >> 4;
            if (s == 0) {
                if (r < 15) {
                    eobrun = receive(r) + (1 << r) - 1;
                    break;
                }
                k += 16;
                continue;
            }
            k += r;
            int value = receiveAndExtend(s) * (1 << successive);
            if (k < 64) {
                zz[off + ZIGZAG[k]] = (short) value;
            }
            k++;
        }
    }

    private void decodeAcSuccessive(FrameComponent c, int off) throws JpegDecodeException {
        short[] zz = c.coefficients;
        int k = spectralStart;
        int e = spectralEnd;
        int r = 0; // per block, as in jpeg-js; only the state carries over to the next block
        while (k <= e) {
            int idx = off + ZIGZAG[k];
            int direction = zz[idx] < 0 ? -1 : 1;
            switch (successiveAcState) {
                case 0 -> {
                    int rs = ac(c).decode(this);
                    int s = rs & 15;
                    r = rs >> 4;
                    if (s == 0) {
                        if (r < 15) {
                            eobrun = receive(r) + (1 << r);
                            successiveAcState = 4;
                        } else {
                            r = 16;
                            successiveAcState = 1;
                        }
                    } else {
                        if (s != 1) {
                            throw new JpegDecodeException("corrupt JPEG data: invalid AC refinement encoding");
                        }
                        successiveAcNextValue = receiveAndExtend(s);
                        successiveAcState = r != 0 ? 2 : 3;
                    }
                    continue; // same coefficient again, in the new state
                }
                case 1, 2 -> {
                    if (zz[idx] != 0) {
                        zz[idx] += (readBit() << successive) * direction;
                    } else {
                        r--;
                        if (r == 0) {
                            successiveAcState = successiveAcState == 2 ? 3 : 0;
                        }
                    }
                }
                case 3 -> {
                    if (zz[idx] != 0) {
                        zz[idx] += (readBit() << successive) * direction;
                    } else {
                        zz[idx] = (short) (successiveAcNextValue << successive);
                        successiveAcState = 0;
                    }
                }
                default -> { // 4: inside an end-of-band run
                    if (zz[idx] != 0) {
                        zz[idx] += (readBit() << successive) * direction;
                    }
                }
            }
            k++;
        }
        if (successiveAcState == 4) {
            eobrun--;
            if (eobrun == 0) {
                successiveAcState = 0;
            }
        }
    }
}
