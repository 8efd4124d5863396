package org.sadasya.lab.index;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sadasya.index.Vectors;

/**
 * One JSON line comparing the generator with the real faceres sample: intrinsic dimension
 * (participation ratio), the fitted constants, and genuine/impostor cosine quantiles.
 * {@code ./lab bench generator [--shared DIR] [--pairs N]}.
 */
public final class GeneratorReport {

    private GeneratorReport() {}

    /**
     * The report for generated faces fitted on {@code data} (seed 42), from {@code pairs} generated
     * genuine and impostor pairs each.
     */
    public static Map<String, Object> report(FaceresData data, int realDirections, int pairs) {
        SyntheticFaces gen = SyntheticFaces.fit(data, 42, realDirections);
        double[] genuine = new double[pairs];
        double[] impostor = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            float[] a = Vectors.normalized(gen.vector(i, 0));
            genuine[i] = Vectors.dot(a, Vectors.normalized(gen.vector(i, 1)));
            impostor[i] = Vectors.dot(a, Vectors.normalized(gen.vector(i + pairs, 0)));
        }
        ErrorBudget.Scores real = ErrorBudget.from(data).scores();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("realImages", data.primaryEmbeddings().size());
        r.put("realSamplePR", gen.realParticipationRatio());
        r.put("generatorPR", gen.participationRatio());
        r.put("realDirections", realDirections);
        r.put("residualExponent", gen.residualExponent());
        r.put("withinIdentityShare", gen.withinShare());
        r.put("dimsFor90pctVariance", gen.dimensionsFor(0.90));
        r.put("dimsFor99pctVariance", gen.dimensionsFor(0.99));
        r.put("smallestVariance", gen.smallestVariance());
        r.put("genuineMedian", pair("real", q(real.genuine(), 0.5), "generated", q(genuine, 0.5)));
        r.put("genuineP05", pair("real", q(real.genuine(), 0.05), "generated", q(genuine, 0.05)));
        r.put("impostorMedian", pair("real", q(real.impostor(), 0.5), "generated", q(impostor, 0.5)));
        r.put("impostorMax", pair("real", q(real.impostor(), 1.0), "generatedP99_9", q(impostor, 0.999)));
        r.put("realPairs", pair("genuine", real.genuine().length, "impostor", real.impostor().length));
        r.put("generatedPairs", pairs);
        return r;
    }

    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static double q(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(p * s.length))];
    }
}
