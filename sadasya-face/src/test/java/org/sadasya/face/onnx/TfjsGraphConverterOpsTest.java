package org.sadasya.face.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sadasya.face.model.ModelSpec;
import org.sadasya.face.model.OnnxModel;

/**
 * The ops an L2-normalising embedding head uses (Squeeze, Square, Sum, Rsqrt) and uint8-quantised
 * weights, converted and run by ONNX Runtime on a graph small enough to check by hand.
 */
class TfjsGraphConverterOpsTest {
    private static final String GRAPH = """
            {"format": "graph-model",
             "modelTopology": {"node": [
              {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
                "shape": {"shape": {"dim": [{"size": "-1"}, {"size": "1"}, {"size": "1"}, {"size": "3"}]}}}},
              {"name": "axes", "op": "Const"},
              {"name": "k", "op": "Const"},
              {"name": "flat", "op": "Squeeze", "input": ["x"], "attr": {"squeeze_dims": {"list": {"i": ["1", "2"]}}}},
              {"name": "sq", "op": "Square", "input": ["flat"]},
              {"name": "sum", "op": "Sum", "input": ["sq", "axes"], "attr": {"keep_dims": {"b": true}}},
              {"name": "inv", "op": "Rsqrt", "input": ["sum"]},
              {"name": "unit", "op": "Mul", "input": ["flat", "inv"]},
              {"name": "out", "op": "Mul", "input": ["unit", "k"]}]},
             "weightsManifest": [{"paths": ["w.bin"], "weights": [
              {"name": "axes", "shape": [], "dtype": "int32"},
              {"name": "k", "shape": [3], "dtype": "float32",
               "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0}}]}]}
            """;

    @Test
    void anL2NormalisingHead_andUint8Weights_giveTheValuesWorkedOutByHand() throws Exception {
        ByteBuffer w = ByteBuffer.allocate(4 + 3).order(ByteOrder.LITTLE_ENDIAN);
        w.putInt(1).put((byte) 2).put((byte) 4).put((byte) 6); // axes = 1; k = −1 + 0.5·(2, 4, 6) = (0, 1, 2)
        try (OnnxModel m = OnnxModel.load(new ModelSpec("ops", "x", 1, List.of("out", "unit")),
                GRAPH.getBytes(StandardCharsets.UTF_8), w.array())) {
            var out = m.run(new float[] {3, 4, 0}, 1);
            assertThat(out.get("unit")).containsExactly(new float[] {0.6f, 0.8f, 0f}, within(1e-6f));
            assertThat(out.get("out")).containsExactly(new float[] {0f, 0.8f, 0f}, within(1e-6f));
        }
        new ObjectMapper().readTree(GRAPH); // the fixture itself is valid JSON
    }
}
