package org.sadasya.lab.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.face.pad.PresentationAttackDetector;
import org.sadasya.face.testsupport.SharedData;

/**
 * The bundled MobileFaceNet on the deepface pairs: ROC AUC ≥ 0.995 on every pair the labels imply.
 * Those pairs tuned earlier choices, so this is a non-regression check; the held-back people of
 * {@code ./lab evaluate identities} are the measurement.
 */
class MobileFaceNetAccuracyTest {
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
    void onEveryPairTheDeepfaceLabelsImply_rocAucReachesTheIssuesGoalOf0995() throws Exception {
        List<FaceVerificationEvaluation.Result> results = FaceVerificationEvaluation.run(engine, SharedData.file("data/faces/deepface"), 2);
        FaceVerificationEvaluation.Result implied = results.get(1);
        assertThat(implied.metrics().genuinePairs()).isEqualTo(140);
        assertThat(implied.metrics().impostorPairs()).isEqualTo(1552);
        assertThat(implied.metrics().rocAuc()).isGreaterThanOrEqualTo(0.995);
    }
}
