package org.sadasya.face.image.jpeg;

/**
 * jpeg-js 0.4.4's dequantization and integer inverse DCT ({@code quantizeAndInverse}): the
 * Loeffler–Ligtenberg–Moschytz factorisation ("Practical Fast 1-D DCT Algorithms with 11
 * Multiplications", ICASSP 1989) as used by poppler and pdf.js, with its fixed-point constants and
 * rounding. It differs from libjpeg's islow IDCT by up to a few levels, so it is reproduced step
 * for step. Java {@code int} arithmetic wraps exactly as JavaScript's {@code >>} and
 * {@code Int32Array} stores do, so even overflowing (corrupt) input gives the same bits.
 */
final class JpegJsIdct {
    private static final int COS1 = 4017; // cos(pi/16) * 4096
    private static final int SIN1 = 799; // sin(pi/16)
    private static final int COS3 = 3406; // cos(3*pi/16)
    private static final int SIN3 = 2276; // sin(3*pi/16)
    private static final int COS6 = 1567; // cos(6*pi/16)
    private static final int SIN6 = 3784; // sin(6*pi/16)
    private static final int SQRT2 = 5793; // sqrt(2)
    private static final int SQRT1D2 = 2896; // sqrt(2) / 2

    private JpegJsIdct() {}

    /**
     * Dequantizes and inverse-transforms the block at {@code zz[zzOffset..+64]} and writes the 8×8
     * samples, clamped to 0..255, into {@code out} at {@code outOffset} with row stride
     * {@code outStride}. {@code p} is a 64-int scratch array.
     */
    static void transform(short[] zz, int zzOffset, int[] qt, int[] p, byte[] out, int outOffset, int outStride) {
        for (int i = 0; i < 64; i++) {
            p[i] = zz[zzOffset + i] * qt[i];
        }

        for (int row = 0; row < 64; row += 8) {
            if (p[1 + row] == 0 && p[2 + row] == 0 && p[3 + row] == 0 && p[4 + row] == 0
                    && p[5 + row] == 0 && p[6 + row] == 0 && p[7 + row] == 0) {
                int t = (SQRT2 * p[row] + 512) >> 10;
                for (int j = 0; j < 8; j++) {
                    p[row + j] = t;
                }
                continue;
            }
            // stage 4
            int v0 = (SQRT2 * p[row] + 128) >> 8;
            int v1 = (SQRT2 * p[4 + row] + 128) >> 8;
            int v2 = p[2 + row];
            int v3 = p[6 + row];
            int v4 = (SQRT1D2 * (p[1 + row] - p[7 + row]) + 128) >> 8;
            int v7 = (SQRT1D2 * (p[1 + row] + p[7 + row]) + 128) >> 8;
            int v5 = p[3 + row] << 4;
            int v6 = p[5 + row] << 4;
            // stage 3's rotation of v2, v3 (its rounding differs between the passes); the rest follows
            int t = (v2 * SIN6 + v3 * COS6 + 128) >> 8;
            v2 = (v2 * COS6 - v3 * SIN6 + 128) >> 8;
            v3 = t;
            stages3To1(p, row, 1, v0, v1, v2, v3, v4, v5, v6, v7);
        }

        for (int col = 0; col < 8; col++) {
            if (p[8 + col] == 0 && p[16 + col] == 0 && p[24 + col] == 0 && p[32 + col] == 0
                    && p[40 + col] == 0 && p[48 + col] == 0 && p[56 + col] == 0) {
                int t = (SQRT2 * p[col] + 8192) >> 14;
                for (int j = 0; j < 64; j += 8) {
                    p[col + j] = t;
                }
                continue;
            }
            // stage 4 (no <<4 on v5/v6 here: the row pass already scaled them)
            int v0 = (SQRT2 * p[col] + 2048) >> 12;
            int v1 = (SQRT2 * p[32 + col] + 2048) >> 12;
            int v2 = p[16 + col];
            int v3 = p[48 + col];
            int v4 = (SQRT1D2 * (p[8 + col] - p[56 + col]) + 2048) >> 12;
            int v7 = (SQRT1D2 * (p[8 + col] + p[56 + col]) + 2048) >> 12;
            int v5 = p[24 + col];
            int v6 = p[40 + col];
            // stage 3's rotation of v2, v3 (its rounding differs between the passes); the rest follows
            int t = (v2 * SIN6 + v3 * COS6 + 2048) >> 12;
            v2 = (v2 * COS6 - v3 * SIN6 + 2048) >> 12;
            v3 = t;
            stages3To1(p, col, 8, v0, v1, v2, v3, v4, v5, v6, v7);
        }

        for (int i = 0; i < 64; i++) {
            int sample = 128 + ((p[i] + 8) >> 4);
            out[outOffset + (i >> 3) * outStride + (i & 7)] = (byte) (sample < 0 ? 0 : sample > 255 ? 255 : sample);
        }
    }

    /**
     * The rest of stage 3 (independent of the v2, v3 rotation), then stages 2 and 1: the same in
     * both passes. {@code p[at + k·step]} for k = 0..7 receive the outputs.
     */
    private static void stages3To1(int[] p, int at, int step, int v0, int v1, int v2, int v3, int v4, int v5, int v6, int v7) {
        int t = (v0 - v1 + 1) >> 1;
        v0 = (v0 + v1 + 1) >> 1;
        v1 = t;
        t = (v4 - v6 + 1) >> 1;
        v4 = (v4 + v6 + 1) >> 1;
        v6 = t;
        t = (v7 + v5 + 1) >> 1;
        v5 = (v7 - v5 + 1) >> 1;
        v7 = t;
        // stage 2
        t = (v0 - v3 + 1) >> 1;
        v0 = (v0 + v3 + 1) >> 1;
        v3 = t;
        t = (v1 - v2 + 1) >> 1;
        v1 = (v1 + v2 + 1) >> 1;
        v2 = t;
        t = (v4 * SIN3 + v7 * COS3 + 2048) >> 12;
        v4 = (v4 * COS3 - v7 * SIN3 + 2048) >> 12;
        v7 = t;
        t = (v5 * SIN1 + v6 * COS1 + 2048) >> 12;
        v5 = (v5 * COS1 - v6 * SIN1 + 2048) >> 12;
        v6 = t;
        // stage 1
        p[at] = v0 + v7;
        p[at + 7 * step] = v0 - v7;
        p[at + step] = v1 + v6;
        p[at + 6 * step] = v1 - v6;
        p[at + 2 * step] = v2 + v5;
        p[at + 5 * step] = v2 - v5;
        p[at + 3 * step] = v3 + v4;
        p[at + 4 * step] = v3 - v4;
    }
}
