package org.sadasya.verification;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sadasya.decision.FaceAnalyzer;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.challenge.ChallengeAnalysis;
import org.sadasya.face.challenge.ChallengeEvidence;
import org.sadasya.face.challenge.FaceChallengeResult;
import org.sadasya.face.challenge.FaceChallengeVerdict;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.face.pad.PresentationAttackDetector;
import org.sadasya.reembed.FaceModels;

/**
 * Adapter from the {@link FaceAnalyzer} port to the sadasya-face engine, describing faces with the
 * model the service serves with ({@link FaceModels}). An engine loads its models on first use
 * (1–2 s), so that a service that never sees a photo starts quickly; while faces move to a new
 * model there is one engine per model.
 */
public final class FaceEngineAnalyzer implements FaceAnalyzer, AutoCloseable {

    private final FaceModels models;
    private final Map<EmbeddingModel, FaceEngine> engines = new EnumMap<>(EmbeddingModel.class);
    private boolean closed;

    public FaceEngineAnalyzer(FaceModels models) {
        this.models = models;
    }

    /** The engine describing faces with {@code model}, loaded on first use. */
    public synchronized FaceEngine engine(EmbeddingModel model) {
        if (closed) {
            throw new IllegalStateException("the face engine is closed");
        }
        return engines.computeIfAbsent(model, m -> FaceEngine.create(PipelineMode.DEFAULT,
                PresentationAttackDetector.bundled(), m));
    }

    private FaceEngine engine() {
        return engine(models.serving());
    }

    @Override
    public ImageAnalysis analyze(byte[] encodedImage) throws ImageRejectedException {
        return engine().analyze(encodedImage);
    }

    /**
     * A burst frame that passed intake's header check but does not decode cannot show anything: each
     * face is UNUSABLE (LIVENESS goes to review), never a failed job.
     */
    @Override
    public ChallengeEvidence challenge(ImageAnalysis still, List<byte[]> frames, BurstTiming timing,
            List<Integer> faces) {
        try {
            FaceEngine e = EmbeddingModel.ofVersion(still.modelVersion()).map(this::engine).orElseGet(this::engine);
            return new ChallengeAnalysis(e).analyse(still, frames, timing, faces);
        } catch (ImageRejectedException e) {
            return new ChallengeEvidence(0, faces.stream()
                    .map(i -> new FaceChallengeResult(i, FaceChallengeVerdict.UNUSABLE, "FRAME_UNREADABLE",
                            Map.of("error", e.code().name())))
                    .toList());
        }
    }

    @Override
    public double matchThreshold() {
        return FaceEngine.matchThreshold(PipelineMode.DEFAULT, models.serving());
    }

    @Override
    public double matchThreshold(String modelVersion) {
        return FaceEngine.matchThreshold(PipelineMode.DEFAULT,
                EmbeddingModel.ofVersion(modelVersion).orElse(models.serving()));
    }

    @Override
    public synchronized void close() {
        closed = true;
        engines.values().forEach(FaceEngine::close);
        engines.clear();
    }
}
