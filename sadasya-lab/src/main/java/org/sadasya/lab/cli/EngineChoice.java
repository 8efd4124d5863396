package org.sadasya.lab.cli;

import org.sadasya.face.FaceEngine;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.face.pad.PresentationAttackDetector;
import picocli.CommandLine.Option;

/** Which face engine a lab command measures: the pipeline mode and the embedding model. */
final class EngineChoice {
    @Option(names = "--mode", defaultValue = "default",
            description = "Pipeline: default (what the service runs) or reference (the original JavaScript pipeline, exactly).")
    PipelineMode mode;

    @Option(names = "--embedding", defaultValue = "faceres",
            description = "Face embedding: faceres or mobilefacenet (the service's; aligned faces).")
    EmbeddingModel embedding;

    FaceEngine engine() {
        return FaceEngine.create(mode, PresentationAttackDetector.bundled(), embedding);
    }
}
