package org.sadasya.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.face.pad.PresentationAttackDetector;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the face engine. */
final class EngineOptions {
    @Option(names = "--mode", defaultValue = "default",
            description = "Pipeline: 'default' (what the service runs) or 'reference' (the original JavaScript pipeline, exactly).")
    String mode;

    @Option(names = "--embedding", defaultValue = "faceres",
            description = "Face embedding: 'faceres' (the first builds' model) or 'mobilefacenet' (the service's; aligned faces; "
                    + "measured in README, Accuracy).")
    String embedding;

    EmbeddingModel embeddingModel() {
        return embeddingModel(embedding);
    }

    static EmbeddingModel embeddingModel(String embedding) {
        return switch (embedding.toLowerCase(java.util.Locale.ROOT)) {
            case "faceres" -> EmbeddingModel.FACERES;
            case "mobilefacenet" -> EmbeddingModel.MOBILEFACENET;
            default -> throw new CliFailure("BAD_ARGUMENT", "--embedding must be 'faceres' or 'mobilefacenet', not '" + embedding + "'");
        };
    }

    PipelineMode pipelineMode() {
        return switch (mode.toLowerCase(java.util.Locale.ROOT)) {
            case "default" -> PipelineMode.DEFAULT;
            case "reference" -> PipelineMode.REFERENCE;
            default -> throw new CliFailure("BAD_ARGUMENT", "--mode must be 'default' or 'reference', not '" + mode + "'");
        };
    }

    FaceEngine engine() {
        return FaceEngine.create(pipelineMode(), PresentationAttackDetector.bundled(), embeddingModel());
    }

    /** Analyses one image, turning unusable input into the command line's error. */
    static ImageAnalysis analyze(FaceEngine engine, Path image) {
        try {
            return engine.analyze(image);
        } catch (ImageRejectedException e) {
            throw new CliFailure(e.code().name(), image + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CliFailure("IMAGE_UNREADABLE", image + ": " + e.getMessage());
        }
    }
}
