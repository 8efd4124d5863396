package org.sadasya.verification;

import java.util.List;
import java.util.Map;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.challenge.ChallengeAnalysis;
import org.sadasya.face.challenge.ChallengeEvidence;
import org.sadasya.face.challenge.FaceChallengeResult;
import org.sadasya.face.challenge.FaceChallengeVerdict;
import org.sadasya.face.image.ImageRejectedException;

/**
 * Adapter from the {@link FaceAnalyzer} port to the sadasya-face engine. The engine loads its
 * models on first use (1–2 s), so that a service that never sees a photo starts quickly.
 */
public final class FaceEngineAnalyzer implements FaceAnalyzer, AutoCloseable {

    private volatile FaceEngine engine;

    private FaceEngine engine() {
        FaceEngine e = engine;
        if (e == null) {
            synchronized (this) {
                e = engine;
                if (e == null) {
                    e = FaceEngine.create(PipelineMode.DEFAULT);
                    engine = e;
                }
            }
        }
        return e;
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
            return new ChallengeAnalysis(engine()).analyse(still, frames, timing, faces);
        } catch (ImageRejectedException e) {
            return new ChallengeEvidence(0, faces.stream()
                    .map(i -> new FaceChallengeResult(i, FaceChallengeVerdict.UNUSABLE, "FRAME_UNREADABLE",
                            Map.of("error", e.code().name())))
                    .toList());
        }
    }

    @Override
    public double matchThreshold() {
        return engine().matchThreshold();
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
