package org.sadasya.lab.identities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.face.pad.PresentationAttackDetector;
import org.sadasya.face.testsupport.SharedData;

/**
 * Both embeddings on the held-back people of shared/data/faces/identities (88 people, 2 134 photos,
 * every pair), against the figures the README reports for them, with their 95 % bootstrap
 * intervals over people: faceres TAR 0.501 (0.438–0.566) at FAR 1e-3 and 0.308 (0.252–0.366) at
 * 1e-4; MobileFaceNet, through the engine, 0.847 (0.796–0.893) and 0.753 (0.696–0.806). The bars are
 * the intervals' lower ends: a change that makes recognition worse than its interval fails.
 */
class HeldBackRecognitionTest {

    @Test
    void bothEmbeddingsOnTheHeldBackPeople_keepTheirReportedTarAtFar1e3And1e4(@TempDir Path cache) throws Exception {
        List<IdentityPhoto> heldBack = IdentityPhotos.read(SharedData.file("data/faces/identities")).stream()
                .filter(p -> HeldBackSplit.isHeldBack(p.identity())).toList();
        Map<String, float[]> faceresVectors = new HashMap<>();
        Map<String, float[]> mobileVectors = new HashMap<>();
        try (FaceEngine engine = FaceEngine.create(PipelineMode.DEFAULT);
                FaceEngine mobile = FaceEngine.create(PipelineMode.DEFAULT, PresentationAttackDetector.bundled(),
                        EmbeddingModel.MOBILEFACENET);
                CandidateEmbedders candidates = new CandidateEmbedders(cache, cache);
                EmbeddingCache faceres = new EmbeddingCache(cache.resolve("faceres.emb"));
                EmbeddingCache mobileFaceNet = new EmbeddingCache(cache.resolve("mobilefacenet.emb"))) {
            Embedder throughEngine = new Embedder() {
                public String name() {
                    return "mobilefacenet";
                }

                public float[] embed(RgbImage image, FaceObservation face) {
                    return mobile.embedding(image, face.cropBox());
                }
            };
            List<Embedder> both = List.of(candidates.create(List.of("faceres")).get(0), throughEngine);
            EvaluateIdentities.embedAll(engine, heldBack, both, Map.of("faceres", faceres, "mobilefacenet", mobileFaceNet), 2);
            heldBack.forEach(p -> faceresVectors.put(p.key(), faceres.get(p.key())));
            heldBack.forEach(p -> mobileVectors.put(p.key(), mobileFaceNet.get(p.key())));
        }
        assertThat(heldBack).hasSize(2134);

        VerificationAtLowFar.Result f = measure(heldBack, faceresVectors);
        VerificationAtLowFar.Result m = measure(heldBack, mobileVectors);

        assertThat(f.people()).isEqualTo(88);
        assertThat(f.impostorPairs()).as("the figures rest on millions of different-person pairs").isGreaterThan(2_000_000);
        assertThat(f.atFar().get(0).tar()).as("faceres TAR at FAR 1e-3").isGreaterThanOrEqualTo(0.438);
        assertThat(f.atFar().get(1).tar()).as("faceres TAR at FAR 1e-4").isGreaterThanOrEqualTo(0.252);
        assertThat(m.atFar().get(0).tar()).as("MobileFaceNet TAR at FAR 1e-3").isGreaterThanOrEqualTo(0.796);
        assertThat(m.atFar().get(1).tar()).as("MobileFaceNet TAR at FAR 1e-4").isGreaterThanOrEqualTo(0.696);
        System.out.printf("HeldBackRecognitionTest: faceres TAR %.3f / %.3f, MobileFaceNet %.3f / %.3f at FAR 1e-3 / 1e-4%n",
                f.atFar().get(0).tar(), f.atFar().get(1).tar(), m.atFar().get(0).tar(), m.atFar().get(1).tar());
    }

    private static VerificationAtLowFar.Result measure(List<IdentityPhoto> photos, Map<String, float[]> vectors) throws Exception {
        ScoredPhotos scored = ScoredPhotos.of(photos, vectors, p -> true).withAllScores(2);
        return VerificationAtLowFar.measure(scored, new double[] {1e-3, 1e-4}, 2, 7);
    }
}
