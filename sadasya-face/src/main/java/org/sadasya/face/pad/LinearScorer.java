package org.sadasya.face.pad;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A trained linear presentation-attack scorer with its calibration: the decision value
 * {@code d = w·x + b} (standardisation folded into {@code w} and {@code b}) is mapped to a
 * probability of attack by Platt scaling, {@code p = 1 / (1 + exp(-(a·d + c)))}, fitted on
 * out-of-fold decision values (never on the data the weights saw).
 *
 * @param weights one per feature
 * @param bias    intercept
 * @param plattA  calibration slope
 * @param plattB  calibration intercept
 */
public record LinearScorer(
        @JsonProperty("weights") double[] weights,
        @JsonProperty("bias") double bias,
        @JsonProperty("plattA") double plattA,
        @JsonProperty("plattB") double plattB) {

    public LinearScorer {
        weights = weights.clone();
    }

    public double decision(double[] features) {
        if (features.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " features, got " + features.length);
        }
        double d = bias;
        for (int i = 0; i < weights.length; i++) {
            d += weights[i] * features[i];
        }
        return d;
    }

    /** Calibrated probability that the sample is an attack, 0..1. */
    public double spoofProbability(double[] features) {
        return sigmoid(plattA * decision(features) + plattB);
    }

    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
