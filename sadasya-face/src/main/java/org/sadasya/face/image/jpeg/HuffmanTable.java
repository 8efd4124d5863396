package org.sadasya.face.image.jpeg;

/**
 * A canonical JPEG Huffman table (ITU T.81 Annex C / F.2.2.3). jpeg-js builds an explicit code
 * tree from the same lengths and values; for any table whose codes fit (Kraft sum at most 1) both
 * assign the same codes, so decoding is identical.
 */
final class HuffmanTable {
    /** Largest code of each length 1..16, or -1 where there is none. */
    private final int[] maxCode = new int[17];
    /** Index into {@link #values} of the first code of each length, minus that code. */
    private final int[] valueOffset = new int[17];
    private final int[] values;

    private HuffmanTable(int[] values) {
        this.values = values;
    }

    /**
     * @param counts number of codes of each length 1..16 ({@code counts[0]} is length 1)
     * @param values the symbols in code order
     */
    static HuffmanTable build(int[] counts, int[] values) throws JpegDecodeException {
        HuffmanTable table = new HuffmanTable(values);
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++) {
            int n = counts[length - 1];
            table.valueOffset[length] = k - code;
            table.maxCode[length] = n == 0 ? -1 : code + n - 1;
            code += n;
            k += n;
            if (code > (1 << length)) {
                throw new JpegDecodeException("corrupt JPEG data: Huffman table has more codes than fit in " + length + " bits");
            }
            code <<= 1;
        }
        return table;
    }

    /** Reads one symbol, bit by bit, as jpeg-js does (no look-ahead past the code's last bit). */
    int decode(ScanDecoder bits) throws JpegDecodeException {
        int code = 0;
        for (int length = 1; length <= 16; length++) {
            code = (code << 1) | bits.readBit();
            if (code <= maxCode[length]) {
                return values[valueOffset[length] + code];
            }
        }
        throw new JpegDecodeException("corrupt JPEG data: invalid Huffman code");
    }
}
