package org.sadasya.lab.index;

import java.util.Arrays;

/**
 * Models of the upper tail of the impostor score distribution, to estimate false-match
 * probabilities far below what a few hundred pairs can show directly.
 */
public final class TailModels {

    private TailModels() {}

    /** P(score ≥ t) under a fitted model. */
    public interface Tail {
        double exceedance(double threshold);
    }

    /**
     * A Gaussian on Fisher's z = atanh(cosine). Cosines of unrelated high-dimensional embeddings are
     * close to normal in the bulk, but bounded by 1 and skewed near it; atanh maps (−1, 1) onto the
     * real line and stabilises the variance, so a normal fit is reasonable there (and it is the
     * usual model for correlation-like scores).
     */
    public record FisherZGaussian(double mean, double sd) implements Tail {
        public static FisherZGaussian fit(double[] scores) {
            double m = 0;
            for (double s : scores) {
                m += atanh(s);
            }
            m /= scores.length;
            double v = 0;
            for (double s : scores) {
                double d = atanh(s) - m;
                v += d * d;
            }
            return new FisherZGaussian(m, Math.sqrt(v / (scores.length - 1)));
        }

        @Override
        public double exceedance(double threshold) {
            return upperNormal((atanh(threshold) - mean) / sd);
        }
    }

    /**
     * Peaks over a threshold u: the exceedances y = s − u of the top {@code tailShare} of the scores
     * follow a generalized Pareto distribution with scale σ and shape ξ (Pickands–Balkema–de Haan),
     * fitted by probability-weighted moments (Hosking &amp; Wallis 1987), which are stable for
     * small samples. Then P(s ≥ t) = (n_u/n)·(1 + ξ(t−u)/σ)^(−1/ξ) for t ≥ u. ξ &lt; 0 means a
     * bounded tail: zero probability beyond u − σ/ξ, which the bootstrap interval must be read with.
     */
    public record GeneralizedPareto(double u, double tailShare, double scale, double shape) implements Tail {
        public static GeneralizedPareto fit(double[] scores, double tailShare) {
            double[] sorted = scores.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            int nu = Math.max(5, (int) Math.round(n * tailShare));
            double u = sorted[n - nu - 1];
            double[] y = new double[nu];
            for (int i = 0; i < nu; i++) {
                y[i] = sorted[n - nu + i] - u;
            }
            GeneralizedPareto excess = fitExcesses(y);
            return new GeneralizedPareto(u, nu / (double) n, excess.scale, excess.shape);
        }

        /** PWM fit to excesses y ≥ 0 (any order): a₀ = mean, a₁ = E[y·(1−F(y))]; σ = 2a₀a₁/(a₀−2a₁), ξ = 2 − a₀/(a₀−2a₁). */
        public static GeneralizedPareto fitExcesses(double[] excesses) {
            double[] y = excesses.clone();
            Arrays.sort(y);
            int n = y.length;
            double a0 = 0;
            double a1 = 0;
            for (int i = 0; i < n; i++) {
                a0 += y[i];
                a1 += y[i] * (n - 1 - i) / (double) (n - 1);
            }
            a0 /= n;
            a1 /= n;
            double sigma = 2 * a0 * a1 / (a0 - 2 * a1);
            double xi = 2 - a0 / (a0 - 2 * a1);
            return new GeneralizedPareto(0, 1, sigma, xi);
        }

        @Override
        public double exceedance(double threshold) {
            if (threshold < u) {
                return Double.NaN; // below the fitted tail: use the empirical distribution
            }
            double x = threshold - u;
            if (Math.abs(shape) < 1e-9) {
                return tailShare * Math.exp(-x / scale);
            }
            double base = 1 + shape * x / scale;
            if (base <= 0) {
                return 0;
            }
            return tailShare * Math.pow(base, -1 / shape);
        }
    }

    /** Chance that at least one of {@code comparisons} independent impostor comparisons matches: 1 − (1 − p)^N. */
    public static double atLeastOneMatch(double perComparison, double comparisons) {
        if (perComparison <= 0) {
            return 0;
        }
        if (perComparison >= 1) {
            return 1;
        }
        return -Math.expm1(comparisons * Math.log1p(-perComparison));
    }

    static double atanh(double x) {
        double c = Math.max(-0.999999, Math.min(0.999999, x));
        return 0.5 * Math.log((1 + c) / (1 - c));
    }

    /** P(Z ≥ z) for a standard normal, via erfc (relative error below 1.2e-7, also far in the tail). */
    public static double upperNormal(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Complementary error function, Numerical Recipes' Chebyshev fit (fractional error &lt; 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
