package org.sadasya.face.model;

import java.util.List;

/**
 * What running a converted TFJS graph needs: its file name (also its name in messages), its graph
 * input, the side of its square NHWC input and the outputs read.
 */
public record ModelSpec(String fileName, String inputName, int inputSize, List<String> outputNames) {
    public ModelSpec {
        outputNames = List.copyOf(outputNames);
    }
}
