package org.sadasya.lab.identities;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import java.util.Map;
import org.sadasya.face.onnx.OnnxTensors;
import org.sadasya.face.onnx.TfjsWeights;
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
 * The 128-d face descriptor of {@code @vladmandic/face-api} (a ResNet-34-like port of dlib's
 * {@code dlib_face_recognition_resnet_model_v1}) as an ONNX opset-13 graph. The package ships only
 * the weights (a manifest and a uint8-quantised {@code .bin}); the network is written in its
 * TypeScript ({@code src/faceRecognitionNet}), which this class follows layer for layer:
 * input 150 × 150 RGB 0..255 (NHWC) minus the mean colour, ÷ 255; a 7 × 7 stride-2 convolution,
 * 3 × 3 max pool, residual blocks of 32, 64, 128, 256 and 256 channels (each convolution followed
 * by a learned per-channel scale and shift), global average, a 256 × 128 matrix.
 */
public final class FaceApiRecognitionGraph {
    public static final String INPUT = "input";
    public static final String OUTPUT = "descriptor";
    public static final int INPUT_SIZE = 150;
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private final Map<String, TfjsWeights.Tensor> weights;
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int counter;

    private FaceApiRecognitionGraph(Map<String, TfjsWeights.Tensor> weights) {
        this.weights = weights;
    }

    /** @param manifest the parsed {@code face_recognition_model-weights_manifest.json}; {@code bin} its weights */
    public static ModelProto build(JsonNode manifest, byte[] bin) {
        return new FaceApiRecognitionGraph(TfjsWeights.read(manifest, bin)).build();
    }

    /** A value and its spatial size (square) and channels, NCHW. */
    private record Value(String name, int side, int channels) {}

    private ModelProto build() {
        graph.setName("face-api-recognition");
        graph.addInput(ValueInfoProto.newBuilder().setName(INPUT).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(TensorShapeProto.newBuilder()
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(INPUT_SIZE))
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(INPUT_SIZE))
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3))))));
        String centred = node("Sub", INPUT, constant("mean", new long[] {1, 1, 1, 3}, MEAN_RGB));
        String scaled = node("Mul", centred, constant("inv255", new long[0], new float[] {1 / 255f}));
        Value x = new Value(node("Transpose", new String[] {scaled}, ints("perm", 0, 3, 1, 2)), INPUT_SIZE, 3);

        x = conv(x, "conv32_down", 2, true, false);
        x = new Value(node("MaxPool", new String[] {x.name()}, ints("kernel_shape", 3, 3), ints("strides", 2, 2)),
                (x.side() - 3) / 2 + 1, x.channels());
        for (String block : new String[] {"conv32_1", "conv32_2", "conv32_3"}) {
            x = residual(x, block);
        }
        x = residualDown(x, "conv64_down");
        for (String block : new String[] {"conv64_1", "conv64_2", "conv64_3"}) {
            x = residual(x, block);
        }
        x = residualDown(x, "conv128_down");
        for (String block : new String[] {"conv128_1", "conv128_2"}) {
            x = residual(x, block);
        }
        x = residualDown(x, "conv256_down");
        for (String block : new String[] {"conv256_1", "conv256_2"}) {
            x = residual(x, block);
        }
        x = residualDown(x, "conv256_down_out");

        String pooled = node("ReduceMean", new String[] {x.name()}, ints("axes", 2, 3),
                AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(0).build());
        TfjsWeights.Tensor fc = weight("fc");
        graph.addNode(NodeProto.newBuilder().setOpType("MatMul").setName(OUTPUT)
                .addInput(pooled).addInput(constant("fc", fc.shape(), fc.floats())).addOutput(OUTPUT));
        graph.addOutput(ValueInfoProto.newBuilder().setName(OUTPUT).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        return ModelProto.newBuilder().setIrVersion(7).setProducerName("sadasya-face-api-graph")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build();
    }

    /** conv (SAME at stride 1, VALID at stride 2, as face-api) + bias, then the scale layer, then ReLU if asked. */
    private Value conv(Value x, String prefix, int stride, boolean relu, boolean same) {
        TfjsWeights.Tensor f = weight(prefix + "/conv/filters");
        long[] s = f.shape();
        int k = (int) s[0], out = (int) s[3];
        String y = node("Conv", new String[] {x.name(), oihw(prefix, f), vector(prefix + "/conv/bias")},
                ints("strides", stride, stride),
                AttributeProto.newBuilder().setName("auto_pad").setType(AttributeProto.AttributeType.STRING)
                        .setS(ByteString.copyFromUtf8(same ? "SAME_UPPER" : "VALID")).build());
        y = node("Mul", y, channelConstant(prefix + "/scale/weights"));
        y = node("Add", y, channelConstant(prefix + "/scale/biases"));
        if (relu) {
            y = node("Relu", new String[] {y});
        }
        int side = same ? x.side() : (x.side() - k) / stride + 1;
        return new Value(y, side, out);
    }

    private Value residual(Value x, String block) {
        Value a = conv(x, block + "/conv1", 1, true, true);
        Value b = conv(a, block + "/conv2", 1, false, true);
        return new Value(node("Relu", new String[] {node("Add", b.name(), x.name())}), x.side(), b.channels());
    }

    /**
     * Down-sampling block: the convolutions' output plus the input average-pooled 2 × 2 and padded
     * with zero channels; when the convolution came out one pixel smaller, face-api pads it with a
     * zero row at the bottom and a zero column at the right.
     */
    private Value residualDown(Value x, String block) {
        Value a = conv(x, block + "/conv1", 2, true, false);
        Value b = conv(a, block + "/conv2", 1, false, true);
        int pooledSide = x.side() / 2;
        String pooled = node("AveragePool", new String[] {x.name()}, ints("kernel_shape", 2, 2), ints("strides", 2, 2));
        String out = b.name();
        if (b.side() != pooledSide) {
            int grow = pooledSide - b.side();
            out = pad(out, new long[] {0, 0, 0, 0, 0, 0, grow, grow});
        }
        if (b.channels() != x.channels()) {
            pooled = pad(pooled, new long[] {0, 0, 0, 0, 0, b.channels() - x.channels(), 0, 0});
        }
        return new Value(node("Relu", new String[] {node("Add", pooled, out)}), pooledSide, b.channels());
    }

    private String pad(String x, long[] pads) {
        String name = "pads#" + counter++;
        graph.addInitializer(OnnxTensors.longs(name, pads));
        return node("Pad", x, name);
    }

    private TfjsWeights.Tensor weight(String name) {
        TfjsWeights.Tensor t = weights.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the face-api weights have no tensor " + name);
        }
        return t;
    }

    /** HWIO → OIHW. */
    private String oihw(String prefix, TfjsWeights.Tensor t) {
        long[] s = t.shape();
        return constant(prefix + "/filters", new long[] {s[3], s[2], s[0], s[1]}, TfjsWeights.hwioToOihw(t));
    }

    private String vector(String name) {
        TfjsWeights.Tensor t = weight(name);
        return constant(name, new long[] {t.floats().length}, t.floats());
    }

    /** A per-channel constant shaped to broadcast over NCHW. */
    private String channelConstant(String name) {
        float[] v = weight(name).floats();
        return constant(name, new long[] {1, v.length, 1, 1}, v);
    }

    private String constant(String name, long[] shape, float[] values) {
        graph.addInitializer(OnnxTensors.floats(name, shape, values));
        return name;
    }

    private String node(String op, String a, String b) {
        return node(op, new String[] {a, b});
    }

    private String node(String op, String[] inputs, AttributeProto... attrs) {
        String out = op.toLowerCase() + "#" + counter++;
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(out).addOutput(out);
        for (String i : inputs) {
            n.addInput(i);
        }
        for (AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return out;
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }
}
