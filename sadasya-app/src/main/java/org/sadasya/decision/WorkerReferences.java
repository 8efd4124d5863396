package org.sadasya.decision;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A worker's reference face embeddings by embedding model: while faces move to a new model a
 * reference photo has one of each, and a photo is compared only with the references of the model
 * that described it.
 */
public record WorkerReferences(Map<String, List<float[]>> byModel) {

    public WorkerReferences {
        byModel = byModel.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    public static WorkerReferences of(String modelVersion, List<float[]> embeddings) {
        return new WorkerReferences(Map.of(modelVersion, embeddings));
    }

    /** The embeddings of {@code modelVersion}'s reading of the reference photos (empty when none). */
    public List<float[]> of(String modelVersion) {
        return byModel.getOrDefault(modelVersion, List.of());
    }
}
