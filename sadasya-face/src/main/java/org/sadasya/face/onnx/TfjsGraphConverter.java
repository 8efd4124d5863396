package org.sadasya.face.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Converts a TensorFlow.js graph model (GraphDef JSON + weights) into an ONNX opset-13 model.
 *
 * <p>Layout: TF graphs are NHWC, ONNX convolutions are NCHW. Every convolution and pooling is
 * wrapped in {@code Transpose → op → Transpose} so the rest of the graph keeps NHWC meaning;
 * ONNX Runtime's transpose optimiser cancels the back-to-back pairs (see
 * research/java-inference-probe.md §3.3). Each ONNX value is named after the TF node that makes
 * it, so TF input references resolve unchanged.
 */
public final class TfjsGraphConverter {

    private static final int OPSET = 13;
    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};

    private final Map<String, TfjsWeights.Tensor> constants;
    private final Map<String, JsonNode> nodesByName = new LinkedHashMap<>();
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> emittedInitializers = new HashSet<>();
    private int uniqueCounter;

    private TfjsGraphConverter(Map<String, TfjsWeights.Tensor> constants) {
        this.constants = constants;
    }

    /**
     * @param modelJson   the parsed {@code model.json}
     * @param weights     the concatenated weight files of its manifest
     * @param outputNames graph values to expose as outputs (TF node names)
     */
    public static ModelProto convert(JsonNode modelJson, byte[] weights, List<String> outputNames, String graphName) {
        TfjsGraphConverter c = new TfjsGraphConverter(TfjsWeights.read(modelJson.get("weightsManifest"), weights));
        return c.build(modelJson.get("modelTopology").get("node"), outputNames, graphName);
    }

    private ModelProto build(JsonNode nodes, List<String> outputNames, String graphName) {
        for (JsonNode n : nodes) {
            nodesByName.put(n.get("name").asText(), n);
        }
        graph.setName(graphName);
        for (JsonNode n : topologicalOrder(outputNames)) {
            convertNode(n);
        }
        for (String out : outputNames) {
            graph.addOutput(ValueInfoProto.newBuilder()
                    .setName(out)
                    .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                            .setElemType(TensorProto.DataType.FLOAT_VALUE))));
        }
        return ModelProto.newBuilder()
                .setIrVersion(7)
                .setProducerName("sadasya-tfjs-converter")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build();
    }

    /** The nodes the outputs depend on, each after its inputs (ONNX requires topological order). */
    private List<JsonNode> topologicalOrder(List<String> outputNames) {
        List<JsonNode> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> onStack = new HashSet<>();
        Deque<String[]> stack = new ArrayDeque<>(); // {name, "0"=enter | "1"=exit}
        for (String out : outputNames) {
            stack.push(new String[] {out, "0"});
        }
        while (!stack.isEmpty()) {
            String[] top = stack.pop();
            String name = top[0];
            if (done.contains(name)) {
                continue;
            }
            JsonNode node = nodesByName.get(name);
            if (node == null) {
                throw new IllegalArgumentException("graph has no node named " + name);
            }
            if (top[1].equals("1")) {
                onStack.remove(name);
                done.add(name);
                order.add(node);
                continue;
            }
            if (!onStack.add(name)) {
                throw new IllegalArgumentException("graph has a cycle through " + name);
            }
            stack.push(new String[] {name, "1"});
            for (String input : dataInputs(node)) {
                if (!done.contains(input)) {
                    stack.push(new String[] {input, "0"});
                }
            }
        }
        return order;
    }

    private static List<String> dataInputs(JsonNode node) {
        List<String> inputs = new ArrayList<>();
        JsonNode in = node.get("input");
        if (in != null) {
            for (JsonNode i : in) {
                String s = i.asText();
                if (s.startsWith("^")) {
                    continue; // control dependency: no data flows
                }
                if (s.endsWith(":0")) {
                    s = s.substring(0, s.length() - 2);
                } else if (s.matches(".*:\\d+$")) {
                    throw new IllegalArgumentException("multi-output node references are not supported: " + s);
                }
                inputs.add(s);
            }
        }
        return inputs;
    }

    private void convertNode(JsonNode n) {
        String op = n.get("op").asText();
        String name = n.get("name").asText();
        List<String> in = dataInputs(n);
        switch (op) {
            case "Const" -> { } // emitted on first use, in the form that use needs
            case "Placeholder" -> addGraphInput(name, n);
            case "Conv2D", "_FusedConv2D" -> convolution(n, name, in, false);
            case "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" -> convolution(n, name, in, true);
            case "MaxPool" -> maxPool(n, name, in.get(0));
            case "MatMul", "_FusedMatMul" -> matMul(n, name, in);
            case "Pad" -> pad(name, in);
            case "Reshape" -> node("Reshape", List.of(value(in.get(0)), int64Constant(in.get(1))), name);
            case "Mean" -> reduceMean(n, name, in);
            case "Add", "AddV2" -> node("Add", values(in), name);
            case "Sub" -> node("Sub", values(in), name);
            case "Mul" -> node("Mul", values(in), name);
            case "Maximum" -> node("Max", values(in), name);
            case "Minimum" -> node("Min", values(in), name);
            case "Relu", "Sigmoid", "Identity", "Abs" -> node(op, values(in), name);
            case "Relu6" -> node("Clip", List.of(value(in.get(0)), scalar(0f), scalar(6f)), name);
            case "Prelu" -> node("PRelu", values(in), name);
            case "Square" -> node("Mul", List.of(value(in.get(0)), value(in.get(0))), name);
            case "Rsqrt" -> {
                node("Sqrt", List.of(value(in.get(0))), name + "/sqrt");
                node("Reciprocal", List.of(name + "/sqrt"), name);
            }
            case "Sum" -> graph.addNode(nodeBuilder("ReduceSum", List.of(value(in.get(0)), axesConstant(in.get(1))), name)
                    .addAttribute(intAttr("keepdims", boolAttr(n.get("attr"), "keep_dims") ? 1 : 0)));
            case "Squeeze" -> squeeze(n, name, in.get(0));
            case "Softmax" -> graph.addNode(nodeBuilder("Softmax", values(in), name).addAttribute(intAttr("axis", -1)));
            default -> throw new IllegalArgumentException("unsupported TF op " + op + " at node " + name);
        }
    }

    private void convolution(JsonNode n, String name, List<String> in, boolean depthwise) {
        JsonNode attr = n.get("attr");
        requireNhwc(attr, name);
        String x = value(in.get(0));
        String weights = depthwise ? depthwiseFilter(in.get(1)) : convFilter(in.get(1));
        List<String> fused = fusedOps(attr);
        List<String> convInputs = new ArrayList<>(List.of(transpose(x, TO_NCHW), weights));
        int arg = 2;
        if (fused.contains("BiasAdd")) {
            convInputs.add(value(in.get(arg++)));
        }
        long[] strides = listInts(attr.get("strides"));
        long[] dilations = attr.has("dilations") ? listInts(attr.get("dilations")) : new long[] {1, 1, 1, 1};
        NodeProto.Builder conv = nodeBuilder("Conv", convInputs, fresh(name + "/conv"))
                .addAttribute(intsAttr("strides", strides[1], strides[2]))
                .addAttribute(intsAttr("dilations", dilations[1], dilations[2]))
                .addAttribute(stringAttr("auto_pad", autoPad(attr, name)));
        if (depthwise) {
            long channels = constant(in.get(1)).shape()[2];
            conv.addAttribute(intAttr("group", channels));
        }
        graph.addNode(conv);
        String y = conv.getOutput(0);
        String activation = fused.stream().filter(f -> !f.equals("BiasAdd")).findFirst().orElse(null);
        if (activation == null) {
            node("Transpose", List.of(y), name, intsAttr("perm", TO_NHWC));
        } else if (activation.equals("Prelu")) {
            String back = transpose(y, TO_NHWC);
            node("PRelu", List.of(back, value(in.get(arg))), name);
        } else {
            String act = fresh(name + "/" + activation.toLowerCase());
            activation(activation, y, act, name);
            node("Transpose", List.of(act), name, intsAttr("perm", TO_NHWC));
        }
    }

    private void maxPool(JsonNode n, String name, String input) {
        JsonNode attr = n.get("attr");
        requireNhwc(attr, name);
        long[] k = listInts(attr.get("ksize"));
        long[] s = listInts(attr.get("strides"));
        NodeProto.Builder pool = nodeBuilder("MaxPool", List.of(transpose(value(input), TO_NCHW)), fresh(name + "/pool"))
                .addAttribute(intsAttr("kernel_shape", k[1], k[2]))
                .addAttribute(intsAttr("strides", s[1], s[2]))
                .addAttribute(stringAttr("auto_pad", autoPad(attr, name)));
        graph.addNode(pool);
        node("Transpose", List.of(pool.getOutput(0)), name, intsAttr("perm", TO_NHWC));
    }

    private void matMul(JsonNode n, String name, List<String> in) {
        JsonNode attr = n.get("attr");
        List<String> fused = fusedOps(attr);
        List<String> inputs = new ArrayList<>(List.of(value(in.get(0)), value(in.get(1))));
        if (fused.contains("BiasAdd")) {
            inputs.add(value(in.get(2)));
        }
        String activation = fused.stream().filter(f -> !f.equals("BiasAdd")).findFirst().orElse(null);
        String gemmOut = activation == null ? name : fresh(name + "/gemm");
        graph.addNode(nodeBuilder("Gemm", inputs, gemmOut)
                .addAttribute(intAttr("transA", boolAttr(attr, "transpose_a") ? 1 : 0))
                .addAttribute(intAttr("transB", boolAttr(attr, "transpose_b") ? 1 : 0)));
        if (activation != null) {
            activation(activation, gemmOut, name, name);
        }
    }

    private void pad(String name, List<String> in) {
        TfjsWeights.Tensor paddings = constant(in.get(1));
        int rank = (int) paddings.shape()[0];
        long[] pads = new long[2 * rank];
        for (int d = 0; d < rank; d++) {
            pads[d] = paddings.ints()[2 * d];
            pads[rank + d] = paddings.ints()[2 * d + 1];
        }
        String padsName = initializer(in.get(1) + "/onnx_pads", int64Tensor(new long[] {pads.length}, pads));
        graph.addNode(nodeBuilder("Pad", List.of(value(in.get(0)), padsName), name)
                .addAttribute(stringAttr("mode", "constant")));
    }

    private void reduceMean(JsonNode n, String name, List<String> in) {
        int[] axes = constant(in.get(1)).ints();
        long[] axes64 = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            axes64[i] = axes[i];
        }
        boolean keep = boolAttr(n.get("attr"), "keep_dims");
        graph.addNode(nodeBuilder("ReduceMean", List.of(value(in.get(0))), name)
                .addAttribute(intsAttr("axes", axes64))
                .addAttribute(intAttr("keepdims", keep ? 1 : 0)));
    }

    /** TF Squeeze names its axes in an attribute; ONNX 13 takes them as an int64 input. */
    private void squeeze(JsonNode n, String name, String input) {
        JsonNode dims = n.get("attr").path("squeeze_dims");
        if (dims.isMissingNode() || !dims.path("list").has("i")) {
            node("Squeeze", List.of(value(input)), name);
            return;
        }
        long[] axes = listInts(dims);
        String axesName = initializer(name + "/axes", int64Tensor(new long[] {axes.length}, axes));
        node("Squeeze", List.of(value(input), axesName), name);
    }

    private void activation(String tfName, String input, String out, String base) {
        switch (tfName) {
            case "Relu" -> node("Relu", List.of(input), out);
            case "Relu6" -> node("Clip", List.of(input, scalar(0f), scalar(6f)), out);
            case "Sigmoid" -> node("Sigmoid", List.of(input), out);
            case "Elu" -> node("Elu", List.of(input), out);
            default -> throw new IllegalArgumentException("unsupported fused activation " + tfName + " at " + base);
        }
    }

    // ---- values and constants ------------------------------------------------------------

    /** The ONNX value for a TF input: a node output, or a float constant emitted as is. */
    private String value(String tfName) {
        TfjsWeights.Tensor t = constants.get(tfName);
        if (t == null) {
            return tfName;
        }
        if (t.isInt()) {
            long[] v = new long[t.ints().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = t.ints()[i];
            }
            return initializer(tfName, int64Tensor(t.shape(), v));
        }
        return initializer(tfName, floatTensor(t.shape(), t.floats()));
    }

    private List<String> values(List<String> in) {
        return in.stream().map(this::value).toList();
    }

    private String int64Constant(String tfName) {
        TfjsWeights.Tensor t = constant(tfName);
        long[] v = new long[t.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.isInt() ? t.ints()[i] : (long) t.floats()[i];
        }
        return initializer(tfName + "/int64", int64Tensor(t.shape(), v));
    }

    /** TF reduction axes may be a scalar; ONNX wants them as a 1-D int64 tensor. */
    private String axesConstant(String tfName) {
        TfjsWeights.Tensor t = constant(tfName);
        long[] v = new long[t.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.isInt() ? t.ints()[i] : (long) t.floats()[i];
        }
        return initializer(tfName + "/axes", int64Tensor(new long[] {v.length}, v));
    }

    private TfjsWeights.Tensor constant(String tfName) {
        TfjsWeights.Tensor t = constants.get(tfName);
        if (t == null) {
            throw new IllegalArgumentException("expected a constant input, got computed value " + tfName);
        }
        return t;
    }

    /** HWIO → OIHW. */
    private String convFilter(String tfName) {
        TfjsWeights.Tensor t = constant(tfName);
        long[] s = t.shape();
        return initializer(tfName + "/oihw", floatTensor(new long[] {s[3], s[2], s[0], s[1]}, TfjsWeights.hwioToOihw(t)));
    }

    /** Depthwise [H,W,C,M] → [C·M,1,H,W] (output channel c·M+m, as TF orders them). */
    private String depthwiseFilter(String tfName) {
        TfjsWeights.Tensor t = constant(tfName);
        long[] s = t.shape();
        int h = (int) s[0], w = (int) s[1], c = (int) s[2], m = (int) s[3];
        float[] src = t.floats();
        float[] dst = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int k = 0; k < m; k++) {
                        dst[((ch * m + k) * h + y) * w + x] = src[((y * w + x) * c + ch) * m + k];
                    }
                }
            }
        }
        return initializer(tfName + "/depthwise", floatTensor(new long[] {(long) c * m, 1, h, w}, dst));
    }

    private String scalar(float v) {
        return initializer("scalar/" + v, floatTensor(new long[0], new float[] {v}));
    }

    private String initializer(String name, TensorProto.Builder tensor) {
        if (emittedInitializers.add(name)) {
            graph.addInitializer(tensor.setName(name));
        }
        return name;
    }

    private static TensorProto.Builder floatTensor(long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : shape) {
            t.addDims(d);
        }
        return t;
    }

    private static TensorProto.Builder int64Tensor(long[] shape, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : shape) {
            t.addDims(d);
        }
        return t;
    }

    // ---- graph building helpers ------------------------------------------------------------

    private void addGraphInput(String name, JsonNode n) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (JsonNode dim : n.get("attr").get("shape").get("shape").get("dim")) {
            long size = dim.get("size").asLong();
            shape.addDim(size < 0
                    ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(size));
        }
        graph.addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))));
    }

    private String transpose(String input, long[] perm) {
        String out = fresh(input + "/t" + perm[1] + perm[2] + perm[3]);
        node("Transpose", List.of(input), out, intsAttr("perm", perm));
        return out;
    }

    private void node(String op, List<String> inputs, String output, AttributeProto... attrs) {
        NodeProto.Builder b = nodeBuilder(op, inputs, output);
        for (AttributeProto a : attrs) {
            b.addAttribute(a);
        }
        graph.addNode(b);
    }

    private static NodeProto.Builder nodeBuilder(String op, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output);
    }

    private String fresh(String base) {
        return base + "#" + (uniqueCounter++);
    }

    private static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static AttributeProto intsAttr(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }

    private static AttributeProto stringAttr(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)).build();
    }

    // ---- TF attribute decoding (protobuf JSON: strings base64, ints as decimal strings) ---------

    private static String tfString(JsonNode attr, String key) {
        JsonNode a = attr.get(key);
        return a == null ? null : new String(Base64.getDecoder().decode(a.get("s").asText()), StandardCharsets.UTF_8);
    }

    private static long[] listInts(JsonNode a) {
        JsonNode list = a.get("list").get("i");
        long[] v = new long[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = list.get(i).asLong();
        }
        return v;
    }

    private static boolean boolAttr(JsonNode attr, String key) {
        JsonNode a = attr.get(key);
        return a != null && a.path("b").asBoolean(false);
    }

    private static List<String> fusedOps(JsonNode attr) {
        List<String> ops = new ArrayList<>();
        JsonNode f = attr.get("fused_ops");
        if (f != null && f.get("list").has("s")) {
            for (JsonNode s : f.get("list").get("s")) {
                ops.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
            }
        }
        return ops;
    }

    private static String autoPad(JsonNode attr, String node) {
        String padding = tfString(attr, "padding");
        return switch (padding) {
            case "SAME" -> "SAME_UPPER"; // TF SAME puts the odd pixel at the end, as SAME_UPPER does
            case "VALID" -> "VALID";
            default -> throw new IllegalArgumentException("unsupported padding " + padding + " at " + node);
        };
    }

    private static void requireNhwc(JsonNode attr, String node) {
        String format = tfString(attr, "data_format");
        if (format != null && !format.equals("NHWC")) {
            throw new IllegalArgumentException("only NHWC graphs are supported, " + node + " is " + format);
        }
    }
}
