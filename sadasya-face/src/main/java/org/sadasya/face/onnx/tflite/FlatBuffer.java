package org.sadasya.face.onnx.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the FlatBuffers wire format to read a TFLite model: tables with their vtables,
 * scalars with defaults, vectors of scalars and of tables, strings. Offsets are checked against
 * the buffer's bounds so a truncated or hostile file fails with a message, not a wild read.
 */
final class FlatBuffer {
    private final ByteBuffer buf;

    FlatBuffer(byte[] data) {
        this.buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A table at an absolute position. */
    final class Table {
        private final int pos;
        private final int vtable;
        private final int vtableSize;

        Table(int pos) {
            this.pos = check(pos, 4);
            this.vtable = check(pos - buf.getInt(pos), 4);
            this.vtableSize = buf.getShort(vtable) & 0xffff;
        }

        /** The field's absolute position, or 0 when the field is absent. */
        private int field(int index) {
            int slot = 4 + 2 * index;
            if (slot + 2 > vtableSize) {
                return 0;
            }
            int off = buf.getShort(vtable + slot) & 0xffff;
            return off == 0 ? 0 : check(pos + off, 1);
        }

        int intField(int index, int otherwise) {
            int p = field(index);
            return p == 0 ? otherwise : buf.getInt(check(p, 4));
        }

        int byteField(int index, int otherwise) {
            int p = field(index);
            return p == 0 ? otherwise : buf.get(p);
        }

        float floatField(int index, float otherwise) {
            int p = field(index);
            return p == 0 ? otherwise : buf.getFloat(check(p, 4));
        }

        boolean has(int index) {
            return field(index) != 0;
        }

        /** The table a field refers to, or null. */
        Table table(int index) {
            int p = field(index);
            return p == 0 ? null : new Table(target(p));
        }

        /** Absolute position of the first element of a vector field, its length in {@code length[0]}; -1 when absent. */
        private int vector(int index, int[] length) {
            int p = field(index);
            if (p == 0) {
                length[0] = 0;
                return -1;
            }
            int v = target(p);
            length[0] = buf.getInt(check(v, 4));
            return v + 4;
        }

        int[] ints(int index) {
            int[] n = new int[1];
            int start = vector(index, n);
            check(start < 0 ? 0 : start, 4L * n[0]);
            int[] out = new int[n[0]];
            for (int i = 0; i < n[0]; i++) {
                out[i] = buf.getInt(start + 4 * i);
            }
            return out;
        }

        /** A [ubyte] vector as a slice of the file (no copy). */
        ByteBuffer bytes(int index) {
            int[] n = new int[1];
            int start = vector(index, n);
            if (start < 0) {
                return ByteBuffer.allocate(0);
            }
            check(start, n[0]);
            return buf.duplicate().position(start).limit(start + n[0]).slice().order(ByteOrder.LITTLE_ENDIAN);
        }

        float[] floats(int index) {
            int[] n = new int[1];
            int start = vector(index, n);
            check(start < 0 ? 0 : start, 4L * n[0]);
            float[] out = new float[n[0]];
            for (int i = 0; i < n[0]; i++) {
                out[i] = buf.getFloat(start + 4 * i);
            }
            return out;
        }

        int tableCount(int index) {
            int[] n = new int[1];
            vector(index, n);
            return n[0];
        }

        Table tableAt(int index, int i) {
            int[] n = new int[1];
            int start = vector(index, n);
            if (i < 0 || i >= n[0]) {
                throw new IllegalArgumentException("table vector index " + i + " out of " + n[0]);
            }
            return new Table(target(start + 4 * i));
        }

        String string(int index) {
            int p = field(index);
            if (p == 0) {
                return null;
            }
            int s = target(p);
            int n = buf.getInt(check(s, 4));
            byte[] b = new byte[n];
            buf.duplicate().position(check(s + 4, n)).get(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    /** The root table, after checking the 4-byte file identifier. */
    Table root(String identifier) {
        byte[] id = new byte[4];
        buf.duplicate().position(check(4, 4)).get(id);
        if (!new String(id, StandardCharsets.US_ASCII).equals(identifier)) {
            throw new IllegalArgumentException("not a " + identifier + " flatbuffer (identifier "
                    + new String(id, StandardCharsets.US_ASCII) + ")");
        }
        return new Table(target(0));
    }

    private int target(int p) {
        return check(p + buf.getInt(check(p, 4)), 4);
    }

    private int check(int p, long size) {
        if (p < 0 || p + size > buf.capacity()) {
            throw new IllegalArgumentException("flatbuffer offset " + p + " (+" + size + ") outside the " + buf.capacity() + "-byte file");
        }
        return p;
    }
}
