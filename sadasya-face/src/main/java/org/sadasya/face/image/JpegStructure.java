package org.sadasya.face.image;

import java.util.Arrays;

/**
 * Walks a JPEG's marker segments (ITU T.81 annex B) without decoding anything. Used to tell a
 * complete file from one cut off in transit, which libjpeg "decodes" anyway, filling the missing
 * rows with grey, and to find the EXIF block.
 */
final class JpegStructure {

    private static final int SOI = 0xd8;
    private static final int EOI = 0xd9;
    private static final int SOS = 0xda;
    private static final int APP1 = 0xe1;
    private static final byte[] EXIF_PREAMBLE = {'E', 'x', 'i', 'f', 0, 0};

    private JpegStructure() {}

    /**
     * Whether the file reaches its end-of-image marker after the last scan. Bytes after it are
     * ignored (phones append motion-photo videos and vendor trailers there). An EXIF thumbnail's
     * own EOI does not count: it sits inside a segment that is skipped by its length.
     */
    static boolean reachesEndOfImage(byte[] b) {
        int i = 2; // after SOI
        while (true) {
            i = nextMarker(b, i);
            if (i < 0) {
                return false;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == EOI) {
                return true;
            }
            if (isStandalone(marker)) {
                i += 2;
                continue;
            }
            int end = segmentEnd(b, i);
            if (end < 0) {
                return false;
            }
            i = marker == SOS ? skipEntropyCodedData(b, end) : end;
            if (i < 0) {
                return false;
            }
        }
    }

    /** The TIFF block of the first EXIF APP1 segment, or null when there is none. */
    static byte[] exifTiff(byte[] b) {
        int i = 2;
        while (true) {
            i = nextMarker(b, i);
            if (i < 0) {
                return null;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == SOS || marker == EOI) {
                return null; // EXIF must come before the image data
            }
            if (isStandalone(marker)) {
                i += 2;
                continue;
            }
            int end = segmentEnd(b, i);
            if (end < 0) {
                return null;
            }
            int data = i + 4;
            if (marker == APP1 && end - data > EXIF_PREAMBLE.length
                    && Arrays.equals(b, data, data + EXIF_PREAMBLE.length, EXIF_PREAMBLE, 0, EXIF_PREAMBLE.length)) {
                return Arrays.copyOfRange(b, data + EXIF_PREAMBLE.length, end);
            }
            i = end;
        }
    }

    /**
     * Index of the next marker (its 0xFF) at or after {@code i}, skipping fill bytes and, as
     * libjpeg does with a warning, stray bytes between segments; -1 at the end of the data.
     */
    private static int nextMarker(byte[] b, int i) {
        while (i + 1 < b.length) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) != 0xff && b[i + 1] != 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** Markers without a length field: SOI, EOI, RST0–7 and TEM. */
    private static boolean isStandalone(int marker) {
        return marker == SOI || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7);
    }

    /** The index just after the segment that starts at {@code i}, or -1 when the file ends inside it. */
    private static int segmentEnd(byte[] b, int i) {
        if (i + 3 >= b.length) {
            return -1;
        }
        int length = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
        int end = i + 2 + length;
        return length >= 2 && end <= b.length ? end : -1;
    }

    /**
     * Skips a scan's entropy-coded data: in it, 0xFF is always followed by 0x00 (a stuffed byte)
     * or a restart marker, so the first other marker ends the scan. -1 if the data runs out first.
     */
    private static int skipEntropyCodedData(byte[] b, int i) {
        while (i + 1 < b.length) {
            if ((b[i] & 0xff) == 0xff) {
                int next = b[i + 1] & 0xff;
                if (next != 0 && next != 0xff && !(next >= 0xd0 && next <= 0xd7)) {
                    return i;
                }
                i += next == 0xff ? 1 : 2;
            } else {
                i++;
            }
        }
        return -1;
    }
}
