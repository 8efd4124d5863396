package org.sadasya.lab.face;

import java.util.Arrays;
import java.util.List;

/**
 * Verification accuracy of a set of scored pairs: ROC AUC, the operating point for a target
 * false-accept rate, and the equal error rate. A pair is accepted when its similarity is strictly
 * above the threshold.
 *
 * @param genuinePairs  same-person pairs the figures rest on
 * @param impostorPairs different-person pairs the figures rest on
 */
public record VerificationMetrics(int genuinePairs, int impostorPairs, double rocAuc, double equalErrorRate) {

    public static VerificationMetrics of(List<ScoredPair> pairs) {
        double[] genuine = scores(pairs, true);
        double[] impostor = scores(pairs, false);
        if (genuine.length == 0 || impostor.length == 0) {
            throw new IllegalArgumentException("need both genuine and impostor pairs");
        }
        return new VerificationMetrics(genuine.length, impostor.length, auc(genuine, impostor), eer(genuine, impostor));
    }

    /** The accept threshold and true-accept rate at the largest false-accept rate not above {@code targetFar}. */
    public record OperatingPoint(double targetFar, double threshold, double far, double tar, int falseAccepts) {}

    public static OperatingPoint atFar(List<ScoredPair> pairs, double targetFar) {
        double[] genuine = scores(pairs, true);
        double[] impostor = scores(pairs, false);
        Arrays.sort(impostor);
        int allowed = (int) Math.floor(targetFar * impostor.length + 1e-9);
        // Threshold at the (allowed+1)-th highest impostor score: only the 'allowed' scores above it pass.
        double threshold = impostor[impostor.length - 1 - Math.min(allowed, impostor.length - 1)];
        int falseAccepts = countAbove(impostor, threshold);
        int trueAccepts = countAbove(genuine, threshold);
        return new OperatingPoint(targetFar, threshold, (double) falseAccepts / impostor.length,
                (double) trueAccepts / genuine.length, falseAccepts);
    }

    /** TAR and FAR at a fixed threshold. */
    public static OperatingPoint atThreshold(List<ScoredPair> pairs, double threshold) {
        double[] genuine = scores(pairs, true);
        double[] impostor = scores(pairs, false);
        int fa = countAbove(impostor, threshold);
        return new OperatingPoint(Double.NaN, threshold, (double) fa / impostor.length,
                (double) countAbove(genuine, threshold) / genuine.length, fa);
    }

    /** Probability that a random genuine pair scores above a random impostor pair (ties count half). */
    static double auc(double[] genuine, double[] impostor) {
        double wins = 0;
        for (double g : genuine) {
            for (double i : impostor) {
                wins += g > i ? 1 : g == i ? 0.5 : 0;
            }
        }
        return wins / ((double) genuine.length * impostor.length);
    }

    /** The error rate where false rejects equal false accepts, interpolated between observed thresholds. */
    static double eer(double[] genuine, double[] impostor) {
        double[] thresholds = new double[genuine.length + impostor.length];
        System.arraycopy(genuine, 0, thresholds, 0, genuine.length);
        System.arraycopy(impostor, 0, thresholds, genuine.length, impostor.length);
        Arrays.sort(thresholds);
        double prevFar = 1, prevFrr = 0;
        for (double t : thresholds) {
            double far = (double) countAbove(impostor, t) / impostor.length;
            double frr = 1 - (double) countAbove(genuine, t) / genuine.length;
            if (frr >= far) {
                // Crossing between the previous threshold and this one: interpolate.
                double d1 = prevFar - prevFrr;
                double d2 = far - frr;
                double w = d1 == d2 ? 0.5 : d1 / (d1 - d2);
                return prevFar + w * (far - prevFar);
            }
            prevFar = far;
            prevFrr = frr;
        }
        return prevFar;
    }

    private static int countAbove(double[] values, double threshold) {
        int n = 0;
        for (double v : values) {
            if (v > threshold) {
                n++;
            }
        }
        return n;
    }

    private static double[] scores(List<ScoredPair> pairs, boolean same) {
        return pairs.stream().filter(p -> p.samePerson() == same).mapToDouble(ScoredPair::similarity).toArray();
    }
}
