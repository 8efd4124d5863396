package org.sadasya.face;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.testsupport.Golden;

/**
 * The reference mode reproduces the original JavaScript pipeline end to end: from the exact
 * decoded pixels (lossless PNGs) number for number, and from the JPEG files through the Java
 * decoder within small tolerances.
 */
class GoldenEndToEndTest {
    private static FaceEngine engine;

    @BeforeAll
    static void load() {
        engine = FaceEngine.create(PipelineMode.REFERENCE);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void decodedPixels_giveTheReferenceFacesBoxesAndEmbeddings() throws IOException {
        int faces = 0;
        for (JsonNode record : Golden.index().get("endToEnd")) {
            RgbImage image = RgbImage.of(ImageIO.read(Golden.dir().resolve(record.get("decodedPixels").asText()).toFile()));
            ImageAnalysis analysis = engine.analyze(image);
            List<JsonNode> expected = kept(record.get("faces"));
            String name = record.get("image").asText();
            assertThat(analysis.faces()).as("faces in %s", name).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                JsonNode e = expected.get(i);
                FaceObservation f = analysis.faces().get(i);
                assertBoxWithin(f.cropBox(), e.get("cropBox_x1y1x2y2"), 1, name);
                assertThat(f.detectionScore()).as("detector score, %s face %d", name, i)
                        .isCloseTo(e.get("detectorScore").asDouble(), org.assertj.core.data.Offset.offset(1e-3));
                assertThat(f.liveness().antispoofReal()).as("antispoof, %s face %d", name, i)
                        .isCloseTo(e.get("real").asDouble(), org.assertj.core.data.Offset.offset(1e-3));
                assertThat(f.liveness().livenessLive()).as("liveness col 0, %s face %d", name, i)
                        .isCloseTo(e.get("live").get(0).asDouble(), org.assertj.core.data.Offset.offset(1e-3));
                double cos = FaceEngine.cosineSimilarity(f.embedding(), floats(e.get("embeddings").get("faceres")));
                assertThat(cos).as("embedding cosine, %s face %d", name, i).isGreaterThanOrEqualTo(0.9999);
                faces++;
            }
        }
        assertThat(faces).isEqualTo(10);
    }

    @Test
    void jpegFilesThroughTheJavaDecoder_giveTheReferenceFacesWithinTolerance() throws Exception {
        JsonNode images = Golden.json("all-images-faceres.json").get("images");
        Path deepface = Golden.dir().resolve("../../data/faces/deepface").normalize();
        double worstCos = 1;
        int worstBox = 0;
        int faces = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = images.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            ImageAnalysis analysis = engine.analyze(deepface.resolve(entry.getKey()));
            List<JsonNode> expected = kept(entry.getValue().get("faces"));
            assertThat(analysis.faces()).as("faces in %s", entry.getKey()).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                FaceObservation f = analysis.faces().get(i);
                worstBox = Math.max(worstBox, assertBoxWithin(f.cropBox(), expected.get(i).get("cropBox_x1y1x2y2"), 2, entry.getKey()));
                double cos = FaceEngine.cosineSimilarity(f.embedding(), floats(expected.get(i).get("faceres")));
                assertThat(cos).as("embedding cosine, %s face %d", entry.getKey(), i).isGreaterThanOrEqualTo(0.999);
                worstCos = Math.min(worstCos, cos);
                faces++;
            }
        }
        assertThat(faces).isGreaterThanOrEqualTo(63);
        System.out.printf("JPEG end-to-end over %d faces: worst crop-box difference %d px, worst embedding cosine %.6f%n",
                faces, worstBox, worstCos);
    }

    private static List<JsonNode> kept(JsonNode faces) {
        List<JsonNode> kept = new ArrayList<>();
        faces.forEach(f -> {
            if (f.get("kept").asBoolean()) {
                kept.add(f);
            }
        });
        return kept;
    }

    private static int assertBoxWithin(FaceBox box, JsonNode expected, int tolerance, String what) {
        double[] actual = {box.x(), box.y(), box.x2(), box.y2()};
        int worst = 0;
        for (int k = 0; k < 4; k++) {
            int diff = (int) Math.round(Math.abs(actual[k] - expected.get(k).asDouble()));
            assertThat(diff).as("crop box corner %d of %s: %s vs %s", k, what, actual[k], expected.get(k)).isLessThanOrEqualTo(tolerance);
            worst = Math.max(worst, diff);
        }
        return worst;
    }

    private static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }
}
