package org.sadasya.face.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sadasya.face.testsupport.Golden;

/**
 * Every model we run reproduces the reference (tfjs 4.22 cpu) outputs on the golden inputs within
 * 1e-4 of each output's largest magnitude.
 */
class GoldenModelOutputsTest {
    private static final Map<FaceModel, OnnxModel> LOADED = new EnumMap<>(FaceModel.class);

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : Golden.index().get("cases")) {
            String name = c.get("model").asText();
            for (FaceModel m : FaceModel.values()) {
                if (m.fileName().equals(name)) {
                    cases.add(Arguments.of(Named.of(name + " " + c.get("input").get("file").asText(), m), c));
                }
            }
        }
        assertThat(cases).as("golden cases for our five models").hasSizeGreaterThanOrEqualTo(15);
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void modelOutput_matchesReference(FaceModel model, JsonNode goldenCase) {
        OnnxModel onnx = LOADED.computeIfAbsent(model, OnnxModel::load);
        float[] input = Golden.floats(goldenCase.get("input").get("file").asText());
        Map<String, float[]> out = onnx.run(input, 1);
        for (JsonNode o : goldenCase.get("outputs")) {
            String name = o.get("name").asText();
            float[] expected = Golden.floats(o.get("file").asText());
            float[] actual = out.get(name);
            assertThat(actual).as(name).hasSize(expected.length);
            double scale = 0;
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                scale = Math.max(scale, Math.abs(expected[i]));
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            }
            assertThat(worst).as("%s max |diff| vs scale %s", name, scale).isLessThanOrEqualTo(1e-4 * scale);
        }
    }

    @AfterAll
    static void close() {
        LOADED.values().forEach(OnnxModel::close);
    }
}
