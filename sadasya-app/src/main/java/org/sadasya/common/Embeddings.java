package org.sadasya.common;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Face embeddings as stored in the database: float32, little-endian. */
public final class Embeddings {
    private Embeddings() {}

    public static byte[] toBytes(float[] embedding) {
        ByteBuffer b = ByteBuffer.allocate(embedding.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(embedding);
        return b.array();
    }

    public static float[] fromBytes(byte[] bytes) {
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
