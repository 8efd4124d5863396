package org.sadasya.lab.pad;

import org.sadasya.face.pad.PadFeatures;
import org.sadasya.face.pad.PadModel;
import org.sadasya.face.pad.LinearScorer;
import org.sadasya.face.pad.DecisionLadder;
import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Trains a {@link PadModel} from labelled feature vectors, grouped by source, so that nothing is
 * ever judged by a model that saw its source:
 *
 * <ol>
 *   <li>features standardised on the training data (folded into the weights afterwards);
 *   <li>L2-regularised logistic regression (liblinear, deterministic), the cost {@code C} chosen
 *       from {@link #COSTS} by leave-one-source-out AUC over the training sources;
 *   <li>Platt calibration fitted on the out-of-fold decision values of that same inner
 *       leave-one-source-out run;
 *   <li>the ladder read off the out-of-fold calibrated scores: {@code spoofFrom} rejects at most
 *       {@link #GENUINE_REJECT_SHARE} of genuine training faces (never below 0.5), {@code liveBelow}
 *       lets through at most {@link #ATTACK_PASS_SHARE} of training attacks.
 * </ol>
 */
public final class PadTraining {

    /**
     * Candidate liblinear costs (inverse regularisation). Strong regularisation wins on unseen
     * sources (leave-one-source-out AUC of the per-face scorer: 0.81 at C = 0.0003, 0.78 at 0.01,
     * 0.73 at 1; README-pad.md), so the grid reaches down to 1e-4.
     */
    static final double[] COSTS = {0.0001, 0.0003, 0.001, 0.003, 0.01, 0.1};
    /**
     * A scorer whose inner leave-one-source-out AUC is below this does not take part in the
     * verdict (its ladder never fires): the whole-image cues measured 0.51 — chance — and adding
     * them to the per-face score lowered the pooled AUC from 0.70 to 0.61 (first evaluation run).
     */
    static final double MIN_USEFUL_AUC = 0.65;
    /** Ladder target: share of genuine training faces (out of fold) that may be auto-rejected. */
    static final double GENUINE_REJECT_SHARE = 0.02;
    /** Ladder target: share of training attacks (out of fold) that may be passed as live (goal APCER ≤ 5 %). */
    static final double ATTACK_PASS_SHARE = 0.05;

    /** A labelled vector from one source. */
    public record Example(String source, boolean attack, double[] x) {}

    /** A trained scorer with the out-of-fold evidence its calibration and ladder came from. */
    public record Trained(LinearScorer scorer, DecisionLadder ladder, double cost, double auc, Map<String, Object> evidence) {
        boolean useful() {
            return auc >= MIN_USEFUL_AUC;
        }
    }

    private PadTraining() {}

    /** Trains scorer, calibration and ladder on all examples, with inner leave-one-source-out. */
    public static Trained train(List<Example> examples) {
        List<String> sources = new ArrayList<>(new TreeSet<>(examples.stream().map(Example::source).toList()));
        double bestAuc = -1;
        double bestCost = COSTS[0];
        double[] bestOof = null;
        Map<String, Double> aucByCost = new LinkedHashMap<>();
        for (double c : COSTS) {
            double[] oof = outOfFoldDecisions(examples, sources, c);
            double auc = auc(oof, examples);
            aucByCost.put(Double.toString(c), round(auc));
            if (auc > bestAuc + 1e-9) {
                bestAuc = auc;
                bestCost = c;
                bestOof = oof;
            }
        }
        boolean[] y = labels(examples);
        double[] platt = platt(bestOof, y);
        double[] calibrated = new double[bestOof.length];
        for (int i = 0; i < calibrated.length; i++) {
            calibrated[i] = LinearScorer.sigmoid(platt[0] * bestOof[i] + platt[1]);
        }
        DecisionLadder ladder = ladder(calibrated, y);
        Fit fit = fit(examples, bestCost);
        LinearScorer scorer = new LinearScorer(fit.weights, fit.bias, platt[0], platt[1]);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("innerFolds", sources.size());
        evidence.put("examples", examples.size());
        evidence.put("attacks", count(y, true));
        evidence.put("outOfFoldAucByCost", aucByCost);
        evidence.put("chosenCost", bestCost);
        evidence.put("outOfFoldAuc", round(bestAuc));
        evidence.put("ladder", Map.of("liveBelow", round(ladder.liveBelow()), "spoofFrom", round(ladder.spoofFrom())));
        evidence.put("outOfFoldGenuineRejected", round(share(calibrated, y, false, v -> v >= ladder.spoofFrom())));
        evidence.put("outOfFoldGenuineDoubt", round(share(calibrated, y, false,
                v -> v >= ladder.liveBelow() && v < ladder.spoofFrom())));
        evidence.put("outOfFoldAttacksPassed", round(share(calibrated, y, true, v -> v < ladder.liveBelow())));
        return new Trained(scorer, ladder, bestCost, bestAuc, evidence);
    }

    static DecisionLadder ladder(double[] calibrated, boolean[] attack) {
        double[] genuine = select(calibrated, attack, false);
        double[] attacks = select(calibrated, attack, true);
        Arrays.sort(genuine);
        Arrays.sort(attacks);
        // smallest threshold with at most GENUINE_REJECT_SHARE of genuine at or above it
        int allowed = (int) Math.floor(GENUINE_REJECT_SHARE * genuine.length);
        double spoofFrom = genuine.length == 0 ? 0.5 : Math.nextUp(genuine[genuine.length - 1 - allowed]);
        spoofFrom = Math.min(1.0, Math.max(0.5, spoofFrom));
        // largest threshold with at most ATTACK_PASS_SHARE of attacks below it
        int pass = (int) Math.floor(ATTACK_PASS_SHARE * attacks.length);
        double liveBelow = attacks.length == 0 ? 0.5 : attacks[Math.min(pass, attacks.length - 1)];
        liveBelow = Math.min(liveBelow, spoofFrom);
        return new DecisionLadder(liveBelow, spoofFrom);
    }

    static double[] outOfFoldDecisions(List<Example> examples, List<String> sources, double cost) {
        double[] out = new double[examples.size()];
        for (String held : sources) {
            List<Example> train = examples.stream().filter(e -> !e.source().equals(held)).toList();
            if (train.stream().noneMatch(Example::attack) || train.stream().allMatch(Example::attack)) {
                throw new IllegalStateException("training without " + held + " leaves a single class");
            }
            Fit fit = fit(train, cost);
            for (int i = 0; i < examples.size(); i++) {
                if (examples.get(i).source().equals(held)) {
                    out[i] = fit.decision(examples.get(i).x());
                }
            }
        }
        return out;
    }

    record Fit(double[] weights, double bias) {
        double decision(double[] x) {
            double d = bias;
            for (int i = 0; i < x.length; i++) {
                d += weights[i] * x[i];
            }
            return d;
        }
    }

    /** Standardise, fit L2 logistic regression, fold the standardisation back into the weights. */
    static Fit fit(List<Example> examples, double cost) {
        int n = examples.size();
        int d = examples.get(0).x().length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (Example e : examples) {
            for (int j = 0; j < d; j++) {
                mean[j] += e.x()[j] / n;
            }
        }
        for (Example e : examples) {
            for (int j = 0; j < d; j++) {
                double v = e.x()[j] - mean[j];
                scale[j] += v * v / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = Math.sqrt(scale[j]);
            if (scale[j] < 1e-12) {
                scale[j] = 1;
            }
        }
        Problem p = new Problem();
        p.l = n;
        p.n = d + 1;
        p.bias = 1;
        p.x = new Feature[n][];
        p.y = new double[n];
        for (int i = 0; i < n; i++) {
            Feature[] row = new Feature[d + 1];
            double[] x = examples.get(i).x();
            for (int j = 0; j < d; j++) {
                row[j] = new FeatureNode(j + 1, (x[j] - mean[j]) / scale[j]);
            }
            row[d] = new FeatureNode(d + 1, 1.0);
            p.x[i] = row;
            p.y[i] = examples.get(i).attack() ? 1 : 0;
        }
        Linear.disableDebugOutput();
        Linear.resetRandom();
        Model m = Linear.train(p, new Parameter(SolverType.L2R_LR, cost, 1e-5));
        double[] w = m.getFeatureWeights();
        // liblinear's decision value is positive for its first label
        double sign = m.getLabels()[0] == 1 ? 1 : -1;
        double[] weights = new double[d];
        double bias = sign * w[d];
        for (int j = 0; j < d; j++) {
            weights[j] = sign * w[j] / scale[j];
            bias -= weights[j] * mean[j];
        }
        return new Fit(weights, bias);
    }

    /** Platt scaling (with Platt's target smoothing), fitted by Newton's method. Returns {a, b}. */
    static double[] platt(double[] f, boolean[] y) {
        int pos = count(y, true), neg = y.length - pos;
        double hi = (pos + 1.0) / (pos + 2.0), lo = 1.0 / (neg + 2.0);
        double a = 1, b = 0;
        for (int iter = 0; iter < 100; iter++) {
            double g1 = 0, g2 = 0, h11 = 1e-9, h22 = 1e-9, h12 = 0;
            for (int i = 0; i < f.length; i++) {
                double t = y[i] ? hi : lo;
                double p = LinearScorer.sigmoid(a * f[i] + b);
                double r = p - t;
                double s = p * (1 - p);
                g1 += r * f[i];
                g2 += r;
                h11 += s * f[i] * f[i];
                h22 += s;
                h12 += s * f[i];
            }
            double det = h11 * h22 - h12 * h12;
            if (Math.abs(det) < 1e-18) {
                break;
            }
            double da = (h22 * g1 - h12 * g2) / det;
            double db = (h11 * g2 - h12 * g1) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new double[] {a, b};
    }

    /** ROC AUC of scores (higher = attack), ties counted half. */
    static double auc(double[] scores, List<Example> examples) {
        return auc(scores, labels(examples));
    }

    static double auc(double[] scores, boolean[] attack) {
        double[] a = select(scores, attack, true), g = select(scores, attack, false);
        if (a.length == 0 || g.length == 0) {
            return Double.NaN;
        }
        double wins = 0;
        for (double x : a) {
            for (double z : g) {
                wins += x > z ? 1 : x == z ? 0.5 : 0;
            }
        }
        return wins / ((double) a.length * g.length);
    }

    static boolean[] labels(List<Example> examples) {
        boolean[] y = new boolean[examples.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = examples.get(i).attack();
        }
        return y;
    }

    static double[] select(double[] v, boolean[] y, boolean which) {
        return java.util.stream.IntStream.range(0, v.length).filter(i -> y[i] == which).mapToDouble(i -> v[i]).toArray();
    }

    static int count(boolean[] y, boolean which) {
        int c = 0;
        for (boolean b : y) {
            c += b == which ? 1 : 0;
        }
        return c;
    }

    static double share(double[] v, boolean[] y, boolean which, java.util.function.DoublePredicate p) {
        double[] s = select(v, y, which);
        return s.length == 0 ? Double.NaN : Arrays.stream(s).filter(p).count() / (double) s.length;
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    /** Trains the per-face and whole-image scorers of a {@link PadModel} from the samples with a face. */
    public static PadModel trainModel(String name, List<PadDataset.Sample> samples, Map<String, Object> provenance) {
        List<PadDataset.Sample> usable = samples.stream().filter(PadDataset.Sample::hasFace).toList();
        Trained face = train(examples(usable, s -> s.primary().features()));
        Trained image = train(examples(usable, PadDataset.Sample::image));
        Map<String, Object> prov = new LinkedHashMap<>(provenance);
        prov.put("sources", new TreeSet<>(usable.stream().map(PadDataset.Sample::source).toList()));
        prov.put("face", face.evidence());
        prov.put("image", image.evidence());
        // a scorer no better than chance on unseen sources must not send anyone to doubt or reject
        prov.put("imageCuesUsed", image.useful());
        return new PadModel(name, PadFeatures.faceNames(), PadFeatures.imageNames(),
                roundScorer(face.scorer()), face.ladder(), roundScorer(image.scorer()),
                image.useful() ? image.ladder() : DecisionLadder.NEVER, prov);
    }

    /** Nine significant digits are far below any effect on the scores and keep the file small. */
    private static LinearScorer roundScorer(LinearScorer s) {
        double[] w = Arrays.stream(s.weights()).map(PadTraining::sig).toArray();
        return new LinearScorer(w, sig(s.bias()), sig(s.plattA()), sig(s.plattB()));
    }

    private static double sig(double v) {
        return v == 0 || !Double.isFinite(v) ? v
                : new java.math.BigDecimal(v).round(new java.math.MathContext(9)).doubleValue();
    }

    static List<Example> examples(List<PadDataset.Sample> samples, Function<PadDataset.Sample, double[]> x) {
        return samples.stream().map(s -> new Example(s.source(), s.attack(), x.apply(s))).toList();
    }
}
