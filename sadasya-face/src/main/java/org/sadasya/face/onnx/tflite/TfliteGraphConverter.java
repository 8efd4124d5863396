package org.sadasya.face.onnx.tflite;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sadasya.face.onnx.OnnxTensors;
import org.sadasya.face.onnx.proto.Onnx.AttributeProto;
import org.sadasya.face.onnx.proto.Onnx.GraphProto;
import org.sadasya.face.onnx.proto.Onnx.ModelProto;
import org.sadasya.face.onnx.proto.Onnx.NodeProto;
import org.sadasya.face.onnx.proto.Onnx.OperatorSetIdProto;
import org.sadasya.face.onnx.proto.Onnx.TensorProto;
import org.sadasya.face.onnx.proto.Onnx.TensorShapeProto;
import org.sadasya.face.onnx.proto.Onnx.TypeProto;
import org.sadasya.face.onnx.proto.Onnx.ValueInfoProto;

/**
 * Converts a float32 TFLite model into an ONNX opset-13 graph, for the operators a MobileFaceNet
 * uses: CONV_2D, DEPTHWISE_CONV_2D, ADD, SUB, MUL, RELU, ABS, RESHAPE. Values stay NHWC as in TFLite;
 * each convolution is wrapped in transposes to ONNX's NCHW (ONNX Runtime cancels the pairs). The
 * batch dimension is left free, whatever batch the TFLite file was exported with.
 */
public final class TfliteGraphConverter {
    // BuiltinOperator codes of the TFLite schema
    static final int ADD = 0, CONV_2D = 3, DEPTHWISE_CONV_2D = 4, MUL = 18, RELU = 19, RESHAPE = 22, SUB = 41, ABS = 101;
    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};

    private final TfliteModel model;
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<Integer> emitted = new HashSet<>();
    private int counter;

    private TfliteGraphConverter(TfliteModel model) {
        this.model = model;
    }

    public static ModelProto convert(byte[] tflite, String graphName) {
        return new TfliteGraphConverter(TfliteModel.read(tflite)).build(graphName);
    }

    private ModelProto build(String graphName) {
        graph.setName(graphName);
        for (int i : model.inputs) {
            TfliteModel.Tensor t = model.tensors.get(i);
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                    .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
            for (int d = 1; d < t.shape().length; d++) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(t.shape()[d]));
            }
            graph.addInput(ValueInfoProto.newBuilder().setName(t.name()).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))));
            emitted.add(i);
        }
        for (TfliteModel.Operator op : model.operators) {
            convert(op);
        }
        for (int i : model.outputs) {
            graph.addOutput(ValueInfoProto.newBuilder().setName(model.tensors.get(i).name()).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        }
        return ModelProto.newBuilder().setIrVersion(7).setProducerName("sadasya-tflite-converter")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build();
    }

    private void convert(TfliteModel.Operator op) {
        String out = model.tensors.get(op.outputs()[0]).name();
        switch (op.builtin()) {
            case CONV_2D -> convolution(op, out, false);
            case DEPTHWISE_CONV_2D -> convolution(op, out, true);
            case ADD -> activated(op, "Add", out);
            case SUB -> activated(op, "Sub", out);
            case MUL -> activated(op, "Mul", out);
            case RELU -> node("Relu", List.of(value(op.inputs()[0])), out);
            case ABS -> node("Abs", List.of(value(op.inputs()[0])), out);
            case RESHAPE -> reshape(op, out);
            default -> throw new IllegalArgumentException("unsupported TFLite operator " + op.builtin() + " producing " + out);
        }
    }

    /** An element-wise op with its fused activation (option field 0 of Add/Sub/MulOptions). */
    private void activated(TfliteModel.Operator op, String onnxOp, String out) {
        int act = op.options() == null ? 0 : op.options().byteField(0, 0);
        List<String> in = List.of(value(op.inputs()[0]), value(op.inputs()[1]));
        if (act == 0) {
            node(onnxOp, in, out);
        } else {
            String raw = fresh(out + "/raw");
            node(onnxOp, in, raw);
            activation(act, raw, out);
        }
    }

    /**
     * CONV_2D (filter [O, H, W, I], options padding, stride_w, stride_h, activation, dilations) and
     * DEPTHWISE_CONV_2D (filter [1, H, W, O], options padding, stride_w, stride_h, multiplier,
     * activation, dilations).
     */
    private void convolution(TfliteModel.Operator op, String out, boolean depthwise) {
        TfliteModel.Tensor filter = model.tensors.get(op.inputs()[1]);
        int[] s = filter.shape();
        int h = s[1], w = s[2];
        float[] src = filter.floats();
        int outChannels = depthwise ? s[3] : s[0];
        int inPerGroup = depthwise ? 1 : s[3];
        float[] dst = new float[src.length];
        for (int o = 0; o < outChannels; o++) {
            for (int i = 0; i < inPerGroup; i++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int from = depthwise ? (y * w + x) * outChannels + o : ((o * h + y) * w + x) * inPerGroup + i;
                        dst[((o * inPerGroup + i) * h + y) * w + x] = src[from];
                    }
                }
            }
        }
        String weights = constant(filter.name() + "/oihw", new long[] {outChannels, inPerGroup, h, w}, dst);
        var opt = op.options();
        int padding = opt == null ? 0 : opt.byteField(0, 0);
        int strideW = opt == null ? 1 : opt.intField(1, 1);
        int strideH = opt == null ? 1 : opt.intField(2, 1);
        int act = opt == null ? 0 : opt.byteField(depthwise ? 4 : 3, 0);
        int dilW = opt == null ? 1 : opt.intField(depthwise ? 5 : 4, 1);
        int dilH = opt == null ? 1 : opt.intField(depthwise ? 6 : 5, 1);
        List<String> inputs = new ArrayList<>(List.of(transpose(value(op.inputs()[0]), TO_NCHW), weights));
        if (op.inputs().length > 2 && op.inputs()[2] >= 0) {
            inputs.add(value(op.inputs()[2]));
        }
        NodeProto.Builder conv = NodeProto.newBuilder().setOpType("Conv").setName(fresh(out + "/conv")).addAllInput(inputs)
                .addAttribute(ints("strides", strideH, strideW)).addAttribute(ints("dilations", dilH, dilW))
                .addAttribute(AttributeProto.newBuilder().setName("auto_pad").setType(AttributeProto.AttributeType.STRING)
                        .setS(ByteString.copyFromUtf8(padding == 0 ? "SAME_UPPER" : "VALID")));
        if (depthwise) {
            int inChannels = model.tensors.get(op.inputs()[0]).shape()[3];
            conv.addAttribute(AttributeProto.newBuilder().setName("group").setType(AttributeProto.AttributeType.INT).setI(inChannels));
        }
        String y = conv.getName();
        graph.addNode(conv.addOutput(y));
        if (act == 0) {
            node("Transpose", List.of(y), out, ints("perm", TO_NHWC));
        } else {
            String a = fresh(out + "/act");
            activation(act, y, a);
            node("Transpose", List.of(a), out, ints("perm", TO_NHWC));
        }
    }

    private void reshape(TfliteModel.Operator op, String out) {
        int[] target = model.tensors.get(op.outputs()[0]).shape().clone();
        target[0] = -1; // the batch stays free
        long[] shape = new long[target.length];
        for (int i = 0; i < target.length; i++) {
            shape[i] = target[i];
        }
        String name = fresh(out + "/shape");
        graph.addInitializer(OnnxTensors.longs(name, shape));
        node("Reshape", List.of(value(op.inputs()[0]), name), out);
    }

    /** TFLite fused activations: 1 RELU, 2 RELU_N1_TO_1, 3 RELU6. */
    private void activation(int code, String in, String out) {
        switch (code) {
            case 1 -> node("Relu", List.of(in), out);
            case 2 -> node("Clip", List.of(in, scalar(-1), scalar(1)), out);
            case 3 -> node("Clip", List.of(in, scalar(0), scalar(6)), out);
            default -> throw new IllegalArgumentException("unsupported TFLite fused activation " + code + " at " + out);
        }
    }

    /** A tensor as an ONNX value: an activation by name, or its constant emitted once. */
    private String value(int index) {
        TfliteModel.Tensor t = model.tensors.get(index);
        if (t.isConstant() && emitted.add(index)) {
            long[] shape = new long[t.shape().length];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.shape()[i];
            }
            constant(t.name(), shape, t.floats());
        }
        return t.name();
    }

    private String scalar(float v) {
        String name = "scalar/" + v;
        if (graph.getInitializerList().stream().noneMatch(i -> i.getName().equals(name))) {
            constant(name, new long[0], new float[] {v});
        }
        return name;
    }

    private String constant(String name, long[] shape, float[] values) {
        graph.addInitializer(OnnxTensors.floats(name, shape, values));
        return name;
    }

    private String transpose(String in, long[] perm) {
        String out = fresh(in + "/t");
        node("Transpose", List.of(in), out, ints("perm", perm));
        return out;
    }

    private void node(String op, List<String> inputs, String out, AttributeProto... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(out).addAllInput(inputs).addOutput(out);
        for (AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        graph.addNode(n);
    }

    private String fresh(String base) {
        return base + "#" + counter++;
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }
}
