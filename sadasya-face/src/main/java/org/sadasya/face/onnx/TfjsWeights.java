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
public final class TfjsWeights {

    /** One constant: its shape and its values (floats, or ints for int32 shape/axis constants). */
    public record Tensor(long[] shape, float[] floats, int[] ints) {
        boolean isInt() {
            return ints != null;
        }

        int elementCount() {
            return isInt() ? ints.length : floats.length;
        }
    }

    private TfjsWeights() {}

    public static Map<String, Tensor> read(JsonNode manifest, byte[] data) {
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
                    case "uint8", "uint16" -> new Tensor(shape, readAffine(buf, n, storage, quant), null);
                    default -> throw new IllegalArgumentException(
                            "unsupported weight storage " + storage + " for " + w.get("name").asText());
                };
                if (quant != null && !"float32".equals(dtype)) {
                    throw new IllegalArgumentException(storage + " storage of a non-float weight: " + w.get("name").asText());
                }
                out.put(w.get("name").asText(), t);
            }
        }
        if (buf.hasRemaining()) {
            throw new IllegalArgumentException("weights file has " + buf.remaining() + " bytes the manifest does not describe");
        }
        return out;
    }

    /** A convolution filter reordered from TF's [H, W, in, out] to ONNX's [out, in, H, W]. */
    public static float[] hwioToOihw(Tensor t) {
        long[] s = t.shape();
        int h = (int) s[0], w = (int) s[1], ci = (int) s[2], co = (int) s[3];
        float[] src = t.floats();
        float[] dst = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int i = 0; i < ci; i++) {
                    for (int o = 0; o < co; o++) {
                        dst[((o * ci + i) * h + y) * w + x] = src[((y * w + x) * ci + i) * co + o];
                    }
                }
            }
        }
        return dst;
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

    /** tfjs's affine quantisation: each stored unsigned integer q stands for {@code min + scale · q}. */
    private static float[] readAffine(ByteBuffer buf, int n, String storage, JsonNode quant) {
        double scale = quant.get("scale").asDouble();
        double min = quant.get("min").asDouble();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int q = storage.equals("uint8") ? buf.get() & 0xff : buf.getShort() & 0xffff;
            v[i] = (float) (min + scale * q);
        }
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
