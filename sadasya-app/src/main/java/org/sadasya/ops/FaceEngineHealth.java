package org.sadasya.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.image.RgbImage;
import org.sadasya.reembed.FaceModels;
import org.sadasya.verification.FaceEngineAnalyzer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Whether the face engine runs: the serving model's engine analyses a small grey picture (no face:
 * detection, and the model runtime under it, run; nothing is stored). The probe runs at most once a
 * {@link #EVERY}, whatever the probes' rate, and its answer is kept in between; the first one loads
 * the models (1–2 s), so a service is warm before its first enrolment.
 */
public final class FaceEngineHealth implements HealthIndicator {

    static final Duration EVERY = Duration.ofMinutes(1);
    private static final RgbImage GREY = grey(64);

    private final FaceEngineAnalyzer engines;
    private final FaceModels models;
    private final Clock clock;
    private Instant checkedAt;
    private Health last;

    public FaceEngineHealth(FaceEngineAnalyzer engines, FaceModels models, Clock clock) {
        this.engines = engines;
        this.models = models;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(checkedAt.plus(EVERY))) {
            last = probe(now);
            checkedAt = now;
        }
        return last;
    }

    private Health probe(Instant now) {
        String model = models.serving().version();
        long t0 = System.nanoTime();
        try {
            FaceEngine engine = engines.engine(models.serving());
            int faces = engine.analyze(GREY).faces().size();
            return Health.up().withDetail("model", model).withDetail("probeMs", (System.nanoTime() - t0) / 1_000_000)
                    .withDetail("facesOnProbe", faces).withDetail("checkedAt", now.toString()).build();
        } catch (RuntimeException | LinkageError e) {
            // a missing native library is an Error, not an exception: the service cannot verify either way
            return Health.down().withDetail("model", model).withDetail("error", e.getClass().getSimpleName())
                    .withDetail("checkedAt", now.toString()).build();
        }
    }

    private static RgbImage grey(int side) {
        byte[] rgb = new byte[side * side * 3];
        java.util.Arrays.fill(rgb, (byte) 128);
        return new RgbImage(side, side, rgb);
    }
}
