package org.sadasya.face.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.sadasya.face.onnx.TfjsGraphConverter;
import org.sadasya.face.onnx.proto.Onnx;

/**
 * One face model, converted from its TFJS graph and held in one shared ONNX Runtime session.
 *
 * <p>{@link #run} is thread-safe. Each call uses one intra-op thread: on small machines running two
 * requests side by side beats splitting one request over cores (research/java-inference-probe.md §2.2).
 */
public final class OnnxModel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelSpec model;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Set<String> outputs;

    private OnnxModel(ModelSpec model, OrtEnvironment env, OrtSession session) {
        this.model = model;
        this.env = env;
        this.session = session;
        this.outputs = new HashSet<>(model.outputNames());
    }

    /** Loads, verifies and converts the bundled model, then warms its session up once. */
    public static OnnxModel load(FaceModel model) {
        byte[][] files = ModelFiles.read(model);
        return load(model.spec(), files[0], files[1]);
    }

    /** Converts a TFJS graph (JSON and weights) described by {@code model}, then warms its session up once. */
    public static OnnxModel load(ModelSpec model, byte[] graphJson, byte[] weights) {
        Onnx.ModelProto proto;
        try {
            JsonNode graph = JSON.readTree(graphJson);
            proto = TfjsGraphConverter.convert(graph, weights, model.outputNames(), model.fileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse model graph " + model.fileName(), e);
        }
        return load(model, proto);
    }

    /** Opens a session on an ONNX graph built in code, then warms it up once. */
    public static OnnxModel load(ModelSpec model, Onnx.ModelProto proto) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OnnxModel loaded = new OnnxModel(model, env, env.createSession(proto.toByteArray(), options));
            int side = model.inputSize();
            loaded.run(new float[side * side * 3], 1);
            return loaded;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load model " + model.fileName() + ": " + e.getMessage(), e);
        }
    }

    public ModelSpec spec() {
        return model;
    }

    /**
     * Runs the model on {@code batch} NHWC images of the model's input size.
     *
     * @return each output's values, flattened row-major, by graph output name
     */
    public Map<String, float[]> run(float[] nhwc, int batch) {
        int side = model.inputSize();
        long[] shape = {batch, side, side, 3};
        if (nhwc.length != batch * side * side * 3) {
            throw new IllegalArgumentException("input has " + nhwc.length + " values, model " + model.fileName()
                    + " expects " + batch + "x" + side + "x" + side + "x3");
        }
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(nhwc), shape);
                OrtSession.Result result = session.run(Map.of(model.inputName(), input), outputs)) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (String name : model.outputNames()) {
                OnnxTensor t = (OnnxTensor) result.get(name).orElseThrow();
                FloatBuffer fb = t.getFloatBuffer();
                float[] values = new float[fb.remaining()];
                fb.get(values);
                out.put(name, values);
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed in " + model.fileName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
