package org.sadasya.lab.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.sadasya.index.Vectors;
import org.sadasya.lab.JsonLines;

/**
 * {@code ./lab bench error-budget}: how many false "duplicate" alarms 1:N de-duplication raises
 * at state scale, from the genuine and impostor cosine scores of real faceres pairs.
 *
 * <p><b>Pairs.</b> Identities come from union-find over the "Yes" pairs of master.csv. Genuine =
 * every pair of labelled images in one identity; impostor = every pair of labelled images in
 * different identities. Images that appear in no labelled pair are left out: their identity is
 * unknown, and several of them score 0.78–0.92 against another image (one is a mirrored copy of
 * another), so counting them as impostors would be wrong.
 *
 * <p><b>Per comparison.</b> The false-match probability p(t) = P(impostor score ≥ t) comes from a
 * tail model ({@link TailModels}): a Gaussian on Fisher-z scores (primary) and a generalized Pareto
 * over the top 20 % (cross-check). <b>Per enrolment</b> against a gallery of N unrelated members:
 * 1 − (1 − p)^N (comparisons treated as independent). <b>Review load</b> = 100 000 × that rate:
 * enrolments flagged per lakh. 95 % intervals: percentile bootstrap, resampling images (not pairs,
 * since every image is in many pairs).
 */
public final class ErrorBudget {

    public static final double[] DEFAULT_THRESHOLDS = {0.62, 0.65, 0.70, 0.75, 0.80};
    public static final double[] GALLERY_SIZES = {1e5, 1e6, 1e7};
    public static final double GPD_TAIL_SHARE = 0.20;

    /** Labelled scores and the image index each pair came from (for the bootstrap). */
    public record Scores(double[] genuine, double[] impostor, int images) {}

    /** One table row. */
    public record Row(String model, double threshold, double p, double pLow, double pHigh,
            double genuineAcceptRate, int impostorsAtOrAbove, int impostors) {
        public double falseDuplicateRate(double gallery) {
            return TailModels.atLeastOneMatch(p, gallery);
        }

        public double falseDuplicateLow(double gallery) {
            return TailModels.atLeastOneMatch(pLow, gallery);
        }

        public double falseDuplicateHigh(double gallery) {
            return TailModels.atLeastOneMatch(pHigh, gallery);
        }

        /** The row as one JSON object's fields; gallery sizes are keyed 1e5, 1e6, 1e7. */
        public Map<String, Object> fields() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("model", model);
            f.put("threshold", threshold);
            f.put("falseMatchPerComparison", p);
            f.put("ci95", List.of(pLow, pHigh));
            f.put("genuineAcceptRate", genuineAcceptRate);
            f.put("impostorsAtOrAbove", impostorsAtOrAbove);
            f.put("impostors", impostors);
            for (double n : GALLERY_SIZES) {
                String key = String.format(Locale.ROOT, "%.0e", n).replace("+0", "");
                f.put("falseDuplicateRate_" + key, falseDuplicateRate(n));
                f.put("falseDuplicateRate_" + key + "_ci95", List.of(falseDuplicateLow(n), falseDuplicateHigh(n)));
                f.put("reviewsPerLakh_" + key, 1e5 * falseDuplicateRate(n));
            }
            return f;
        }
    }

    private final List<float[]> vectors;
    private final int[] identity;
    /** Whether two different identities are known to be different people (else their pairs are left out). */
    private final java.util.function.BiPredicate<Integer, Integer> knownDifferent;

    private ErrorBudget(List<float[]> vectors, int[] identity, java.util.function.BiPredicate<Integer, Integer> knownDifferent) {
        this.vectors = vectors;
        this.identity = identity;
        this.knownDifferent = knownDifferent;
    }

    /**
     * A budget over any labelled embeddings (e.g. those the shipped pipeline computes).
     *
     * @param identity       identity label per vector
     * @param knownDifferent whether two identity labels are known to be different people; pairs of
     *                       identities not known to differ are neither genuine nor impostor
     */
    public static ErrorBudget of(List<float[]> vectors, int[] identity, java.util.function.BiPredicate<Integer, Integer> knownDifferent) {
        List<float[]> normalised = new ArrayList<>();
        for (float[] v : vectors) {
            normalised.add(Vectors.normalized(v));
        }
        return new ErrorBudget(normalised, identity.clone(), knownDifferent);
    }

    public static ErrorBudget from(FaceresData data) {
        Map<String, String> ids = data.identities();
        Map<String, Integer> label = new LinkedHashMap<>();
        List<float[]> vectors = new ArrayList<>();
        List<Integer> identity = new ArrayList<>();
        for (Map.Entry<String, String> e : ids.entrySet()) {
            float[] v = data.primaryEmbeddings().get(e.getKey());
            if (v != null) {
                vectors.add(Vectors.normalized(v));
                identity.add(label.computeIfAbsent(e.getValue(), k -> label.size()));
            }
        }
        return new ErrorBudget(vectors, identity.stream().mapToInt(Integer::intValue).toArray(), (a, b) -> true);
    }

    public Scores scores() {
        int[] all = new int[vectors.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return scores(all);
    }

    /** Scores over a (bootstrap) sample of image indices; repeated draws of one image are one identity, never a pair. */
    private Scores scores(int[] sample) {
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        for (int a = 0; a < sample.length; a++) {
            for (int b = a + 1; b < sample.length; b++) {
                int i = sample[a];
                int j = sample[b];
                if (i == j) {
                    continue;
                }
                boolean same = identity[i] == identity[j];
                if (!same && !knownDifferent.test(identity[i], identity[j])) {
                    continue;
                }
                double s = Vectors.dot(vectors.get(i), vectors.get(j));
                (same ? genuine : impostor).add(s);
            }
        }
        return new Scores(genuine.stream().mapToDouble(Double::doubleValue).toArray(),
                impostor.stream().mapToDouble(Double::doubleValue).toArray(), sample.length);
    }

    /** The table: per threshold, the Fisher-z Gaussian and the generalized Pareto rows. */
    public List<Row> table(double[] thresholds, int bootstrap, long seed) {
        Scores base = scores();
        int m = vectors.size();
        double[][] zBoot = new double[thresholds.length][bootstrap];
        double[][] gBoot = new double[thresholds.length][bootstrap];
        SplittableRandom random = new SplittableRandom(seed);
        for (int b = 0; b < bootstrap; b++) {
            int[] sample = new int[m];
            for (int i = 0; i < m; i++) {
                sample[i] = random.nextInt(m);
            }
            double[] imp = scores(sample).impostor();
            TailModels.FisherZGaussian z = TailModels.FisherZGaussian.fit(imp);
            TailModels.GeneralizedPareto g = TailModels.GeneralizedPareto.fit(imp, GPD_TAIL_SHARE);
            for (int t = 0; t < thresholds.length; t++) {
                zBoot[t][b] = z.exceedance(thresholds[t]);
                gBoot[t][b] = orEmpirical(g.exceedance(thresholds[t]), imp, thresholds[t]);
            }
        }
        TailModels.FisherZGaussian z = TailModels.FisherZGaussian.fit(base.impostor());
        TailModels.GeneralizedPareto g = TailModels.GeneralizedPareto.fit(base.impostor(), GPD_TAIL_SHARE);
        List<Row> rows = new ArrayList<>();
        for (int t = 0; t < thresholds.length; t++) {
            double th = thresholds[t];
            double gar = fractionAtOrAbove(base.genuine(), th);
            int count = countAtOrAbove(base.impostor(), th);
            rows.add(new Row("fisherZGaussian", th, z.exceedance(th), quantile(zBoot[t], 0.025), quantile(zBoot[t], 0.975),
                    gar, count, base.impostor().length));
            rows.add(new Row("generalizedPareto", th, orEmpirical(g.exceedance(th), base.impostor(), th),
                    quantile(gBoot[t], 0.025), quantile(gBoot[t], 0.975), gar, count, base.impostor().length));
        }
        return rows;
    }

    /** Markdown table of the rows (for the README). */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| threshold | model | genuine accept | impostors ≥ t | p per comparison [95 % CI] |");
        for (double n : GALLERY_SIZES) {
            sb.append(String.format(Locale.ROOT, " false-duplicate rate @N=%.0e [CI] | reviews / lakh @%.0e |", n, n));
        }
        sb.append('\n').append("|---|---|---|---|---|");
        for (int i = 0; i < GALLERY_SIZES.length; i++) {
            sb.append("---|---|");
        }
        sb.append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %.2f | %s | %.3f | %d/%d | %s [%s, %s] |", r.threshold(), r.model(),
                    r.genuineAcceptRate(), r.impostorsAtOrAbove(), r.impostors(), g(r.p()), g(r.pLow()), g(r.pHigh())));
            for (double n : GALLERY_SIZES) {
                sb.append(String.format(Locale.ROOT, " %s [%s, %s] | %s |", g(r.falseDuplicateRate(n)),
                        g(r.falseDuplicateLow(n)), g(r.falseDuplicateHigh(n)), g(1e5 * r.falseDuplicateRate(n))));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String g(double v) {
        if (v == 0) {
            return "0";
        }
        return Math.abs(v) >= 0.01 && Math.abs(v) < 1e5 ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.2e", v);
    }

    private static double orEmpirical(double modelled, double[] scores, double threshold) {
        return Double.isNaN(modelled) ? fractionAtOrAbove(scores, threshold) : modelled;
    }

    static double fractionAtOrAbove(double[] scores, double t) {
        return countAtOrAbove(scores, t) / (double) scores.length;
    }

    static int countAtOrAbove(double[] scores, double t) {
        int c = 0;
        for (double s : scores) {
            if (s >= t) {
                c++;
            }
        }
        return c;
    }

    static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /** {@code [--thresholds 0.62,0.7] [--bootstrap 2000] [--seed S] [--markdown] [--shared DIR]}. */

    /** Prints the rows as a Markdown table or as one JSON line each. */
    public static void print(List<Row> rows, boolean markdown) {
        if (markdown) {
            System.out.print(markdown(rows));
        } else {
            rows.forEach(r -> JsonLines.print(r.fields()));
        }
    }
}
