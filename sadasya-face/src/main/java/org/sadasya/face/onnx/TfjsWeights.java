package org.sadasya.face.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The constant tensors of a TFJS graph model, read from its weights manifest and binary file.
 *
 * <p>Weights are stored back to back, little-endian, in manifest order. Some are float16-quantised
 * ({@code quantization.dtype = float16}) and are widened to float32 here, which is what tfjs does
 * at load time.
 */
final class TfjsWeights {

    /** One constant: its shape and its values (floats, or ints for int32 shape/axis constants). */
    record Tensor(long[] shape, float[] floats, int[] ints) {
        boolean isInt() {
            return ints != null;
        }

        int elementCount() {
            return isInt() ? ints.length : floats.length;
        }
    }

    private TfjsWeights() {}

    static Map<String, Tensor> read(JsonNode manifest, byte[] data) {
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> out = new HashMap<>();
        for (JsonNode group : manifest) {
            for (JsonNode w : group.get("weights")) {
                long[] shape = shapeOf(w.get("shape"));
                int n = Math.toIntExact(elements(shape));
                String dtype = w.get("dtype").asText();
                JsonNode quant = w.get("quantization");
                String storage = quant == null ? dtype : quant.get("dtype").asText();
                Tensor t = switch (storage) {
                    case "float32" -> new Tensor(shape, readFloats(buf, n), null);
                    case "int32" -> new Tensor(shape, null, readInts(buf, n));
                    case "float16" -> new Tensor(shape, readHalfs(buf, n), null);
                    default -> throw new IllegalArgumentException(
                            "unsupported weight storage " + storage + " for " + w.get("name").asText());
                };
                if (quant != null && !"float32".equals(dtype)) {
                    throw new IllegalArgumentException("float16 storage of a non-float weight: " + w.get("name").asText());
                }
                out.put(w.get("name").asText(), t);
            }
        }
        if (buf.hasRemaining()) {
            throw new IllegalArgumentException("weights file has " + buf.remaining() + " bytes the manifest does not describe");
        }
        return out;
    }

    static long[] shapeOf(JsonNode dims) {
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).asLong();
        }
        return shape;
    }

    static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static float[] readFloats(ByteBuffer buf, int n) {
        float[] v = new float[n];
        buf.asFloatBuffer().get(v);
        buf.position(buf.position() + 4 * n);
        return v;
    }

    private static int[] readInts(ByteBuffer buf, int n) {
        int[] v = new int[n];
        buf.asIntBuffer().get(v);
        buf.position(buf.position() + 4 * n);
        return v;
    }

    private static float[] readHalfs(ByteBuffer buf, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = Float16.toFloat(buf.getShort());
        }
        return v;
    }
}
