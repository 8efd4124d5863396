package org.sadasya.face.onnx.tflite;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The first subgraph of a TFLite model (schema v3, file identifier {@code TFL3}): its tensors, with
 * the constant data of those that have it, and its operators in execution order.
 */
public final class TfliteModel {
    /** TensorType codes of the schema. */
    static final int FLOAT32 = 0;

    /** One tensor; {@code data} is empty for activations. */
    public record Tensor(String name, int[] shape, int type, ByteBuffer data) {
        boolean isConstant() {
            return data.capacity() > 0;
        }

        float[] floats() {
            if (type != FLOAT32) {
                throw new IllegalArgumentException("tensor " + name + " is of TFLite type " + type + ", not FLOAT32");
            }
            FloatBuffer f = data.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] out = new float[f.remaining()];
            f.get(out);
            return out;
        }

        int[] ints() {
            java.nio.IntBuffer b = data.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            int[] out = new int[b.remaining()];
            b.get(out);
            return out;
        }
    }

    /** One operator: its builtin code, tensor indices (−1 for an omitted optional input) and options. */
    public record Operator(int builtin, int[] inputs, int[] outputs, FlatBuffer.Table options) {}

    final List<Tensor> tensors;
    final List<Operator> operators;
    final int[] inputs;
    final int[] outputs;

    private TfliteModel(List<Tensor> tensors, List<Operator> operators, int[] inputs, int[] outputs) {
        this.tensors = tensors;
        this.operators = operators;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    public static TfliteModel read(byte[] file) {
        FlatBuffer fb = new FlatBuffer(file);
        FlatBuffer.Table model = fb.root("TFL3");
        int codes = model.tableCount(1);
        int[] builtin = new int[codes];
        for (int i = 0; i < codes; i++) {
            FlatBuffer.Table c = model.tableAt(1, i);
            // the schema moved the code from a byte (field 0) to an int (field 3); readers take the larger
            builtin[i] = Math.max(c.byteField(0, 0), c.intField(3, 0));
        }
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < model.tableCount(4); i++) {
            buffers.add(model.tableAt(4, i).bytes(0));
        }
        if (model.tableCount(2) < 1) {
            throw new IllegalArgumentException("the TFLite model has no subgraph");
        }
        FlatBuffer.Table graph = model.tableAt(2, 0);
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < graph.tableCount(0); i++) {
            FlatBuffer.Table t = graph.tableAt(0, i);
            int buffer = t.intField(2, 0);
            ByteBuffer data = buffer < buffers.size() ? buffers.get(buffer) : ByteBuffer.allocate(0);
            tensors.add(new Tensor(t.string(3), t.ints(0), t.byteField(1, 0), data));
        }
        List<Operator> operators = new ArrayList<>();
        for (int i = 0; i < graph.tableCount(3); i++) {
            FlatBuffer.Table op = graph.tableAt(3, i);
            int code = op.intField(0, 0);
            if (code < 0 || code >= codes) {
                throw new IllegalArgumentException("operator " + i + " has opcode index " + code + " of " + codes);
            }
            operators.add(new Operator(builtin[code], op.ints(1), op.ints(2), op.table(4)));
        }
        return new TfliteModel(List.copyOf(tensors), List.copyOf(operators), graph.ints(1), graph.ints(2));
    }
}
