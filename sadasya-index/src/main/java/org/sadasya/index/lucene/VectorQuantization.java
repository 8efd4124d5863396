package org.sadasya.index.lucene;

/**
 * How the HNSW graph stores the vectors it scores with during the graph search. The full float
 * vectors are always kept on disk too, for exact re-ranking and for re-quantising at merges.
 */
public enum VectorQuantization {
    /** 4 bytes a dimension: no quantisation. */
    FLOAT32(32),
    /**
     * Lucene's "int8" scalar quantisation. Lucene 9.12 stores it as 7-bit values (0..127) so that
     * the dot product runs on signed-byte SIMD; one byte a dimension.
     */
    INT8(7),
    /** Lucene's int4 scalar quantisation, two dimensions packed per byte. */
    INT4(4);

    private final int bits;

    VectorQuantization(int bits) {
        this.bits = bits;
    }

    /** Bits a dimension as Lucene's scalar-quantised format takes them (32 = not quantised). */
    public int bits() {
        return bits;
    }

    /** Bytes one vector of {@code dimension} takes in the graph-search copy (excluding small per-vector corrections). */
    public long bytesPerVector(int dimension) {
        return switch (this) {
            case FLOAT32 -> 4L * dimension;
            case INT8 -> dimension + 4L;
            case INT4 -> (dimension + 1) / 2 + 4L;
        };
    }

    public static VectorQuantization parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "float32", "float", "none" -> FLOAT32;
            case "int8", "int7" -> INT8;
            case "int4" -> INT4;
            default -> throw new IllegalArgumentException("unknown format '" + text + "': use int8, int4 or float32");
        };
    }
}
