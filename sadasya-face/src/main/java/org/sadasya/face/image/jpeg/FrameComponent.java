package org.sadasya.face.image.jpeg;

/**
 * One colour component of the frame: its sampling factors, its DCT coefficients (kept until every
 * scan has been read, because progressive scans refine them and because jpeg-js dequantizes with
 * the tables as they stand after the last scan) and its entropy-decoding state.
 */
final class FrameComponent {
    final int id;
    final int h;
    final int v;
    final int quantizationTableIndex;

    /** Blocks covering the component's own samples (jpeg-js's {@code blocksPerLine/Column}). */
    int blocksPerLine;
    int blocksPerColumn;
    /** Blocks allocated, padded to whole MCUs; the row stride of {@link #coefficients}. */
    int blocksPerLineForMcu;
    int blocksPerColumnForMcu;
    /**
     * 64 quantized coefficients per block, natural (not zig-zag) order, block rows of
     * {@link #blocksPerLineForMcu}. jpeg-js keeps them in Int32Arrays; for 8-bit JPEG every valid
     * value fits in 12 bits, so shorts halve the memory and only corrupt data can tell the difference.
     */
    short[] coefficients;

    /** State set per scan. */
    HuffmanTable dcTable;
    HuffmanTable acTable;
    int pred;
    boolean scanned;

    FrameComponent(int id, int h, int v, int quantizationTableIndex) {
        this.id = id;
        this.h = h;
        this.v = v;
        this.quantizationTableIndex = quantizationTableIndex;
    }

    /** Offset in {@link #coefficients} of block (row, col). */
    int blockOffset(int blockRow, int blockCol) {
        return (blockRow * blocksPerLineForMcu + blockCol) << 6;
    }
}
