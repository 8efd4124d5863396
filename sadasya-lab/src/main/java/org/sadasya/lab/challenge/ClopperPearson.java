package org.sadasya.lab.challenge;

/**
 * The exact (Clopper–Pearson) confidence interval of a binomial proportion, from the quantiles of
 * the beta distribution. The quantile is found by bisection on the regularised incomplete beta
 * function (continued fraction, as in Numerical Recipes §6.4): no statistics library is on this
 * module's class path, and 60 halvings of [0, 1] are exact to double precision.
 *
 * @param lower the interval's lower bound
 * @param upper the interval's upper bound
 */
public record ClopperPearson(double lower, double upper) {

    /** The two-sided 95 % interval of {@code errors} out of {@code trials}; [0, 1] for no trials. */
    public static ClopperPearson of95(long errors, long trials) {
        return of(errors, trials, 0.05);
    }

    /** The two-sided interval at confidence 1 − {@code alpha}. */
    public static ClopperPearson of(long errors, long trials, double alpha) {
        if (errors < 0 || trials < 0 || errors > trials) {
            throw new IllegalArgumentException("need 0 ≤ errors ≤ trials");
        }
        if (trials == 0) {
            return new ClopperPearson(0, 1);
        }
        double lower = errors == 0 ? 0 : betaQuantile(alpha / 2, errors, trials - errors + 1);
        double upper = errors == trials ? 1 : betaQuantile(1 - alpha / 2, errors + 1, trials - errors);
        return new ClopperPearson(lower, upper);
    }

    /** The x with I_x(a, b) = p. */
    static double betaQuantile(double p, double a, double b) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (regularisedBeta(mid, a, b) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The regularised incomplete beta function I_x(a, b). */
    static double regularisedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        // the continued fraction converges fast for x below the mean; above it, use the symmetry
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    /** Lentz's evaluation of the incomplete beta's continued fraction. */
    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 300; m++) {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 / nonZero(1 + even * d, tiny);
            c = nonZero(1 + even / c, tiny);
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 / nonZero(1 + odd * d, tiny);
            c = nonZero(1 + odd / c, tiny);
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    private static double nonZero(double v, double tiny) {
        return Math.abs(v) < tiny ? tiny : v;
    }

    /** ln Γ(z) for z > 0 (Lanczos, g = 7, 9 terms: about 15 significant digits). */
    static double logGamma(double z) {
        final double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (z < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
        }
        double x = c[0];
        double zz = z - 1;
        for (int i = 1; i < 9; i++) {
            x += c[i] / (zz + i);
        }
        double t = zz + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(x);
    }
}
