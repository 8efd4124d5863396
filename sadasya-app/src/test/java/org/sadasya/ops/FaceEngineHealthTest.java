package org.sadasya.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.reembed.FaceModels;
import org.sadasya.testsupport.MutableClock;
import org.sadasya.verification.FaceEngineAnalyzer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The face engine's health: a real probe through the serving model's engine, at most once a minute; DOWN when it cannot run. */
class FaceEngineHealthTest {

    @Test
    void theServingEngineAnalysesTheProbe_onceAMinute_andAClosedEngineIsDown() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        FaceModels models = FaceModels.of(EmbeddingModel.MOBILEFACENET);
        FaceEngineAnalyzer engines = new FaceEngineAnalyzer(models);
        FaceEngineHealth health = new FaceEngineHealth(engines, models, clock);

        Health first = health.health();
        assertThat(first.getStatus()).isEqualTo(Status.UP);
        assertThat(first.getDetails()).containsEntry("model", EmbeddingModel.MOBILEFACENET.version())
                .containsEntry("facesOnProbe", 0).containsKey("probeMs");

        engines.close();
        clock.advance(Duration.ofSeconds(30));
        assertThat(health.health()).as("within the minute: the last answer").isSameAs(first);
        clock.advance(Duration.ofSeconds(31));
        Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("error", "IllegalStateException");
    }
}
