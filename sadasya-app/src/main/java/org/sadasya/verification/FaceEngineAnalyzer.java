package org.sadasya.verification;

import java.util.List;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.challenge.ChallengeEvidence;
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

    @Override
    public ImageAnalysis analyze(byte[] photo, List<byte[]> burstFrames) throws ImageRejectedException {
        return engine().analyze(photo, burstFrames);
    }

    @Override
    public ChallengeEvidence challenge(ImageAnalysis still, List<byte[]> frames, BurstTiming timing,
            List<Integer> faces) {
        throw new UnsupportedOperationException("TODO-WIRE ChallengeAnalysis");
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
