package org.sadasya.index.bench;

import java.util.Arrays;
import java.util.Locale;
import org.sadasya.index.Vectors;

/**
 * Prints one JSON line comparing the generator with the real faceres sample: intrinsic dimension
 * (participation ratio), the fitted constants, and genuine/impostor cosine quantiles.
 * {@code java -cp … org.sadasya.index.bench.GeneratorReport [--shared DIR] [--pairs N]}.
 */
public final class GeneratorReport {

    private GeneratorReport() {}

    public static void main(String[] args) {
        String shared = null;
        String sample = null;
        int realDirections = SyntheticFaces.REAL_DIRECTIONS;
        int n = 20_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shared" -> shared = args[++i];
                case "--pairs" -> n = Integer.parseInt(args[++i]);
                case "--sample" -> sample = args[++i];
                case "--real-directions" -> realDirections = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
        }
        FaceresData data = sample != null ? FaceresData.read(java.nio.file.Path.of(sample))
                : FaceresData.load(FaceresData.locateShared(shared));
        SyntheticFaces gen = SyntheticFaces.fit(data, 42, realDirections);
        double[] genuine = new double[n];
        double[] impostor = new double[n];
        for (int i = 0; i < n; i++) {
            float[] a = Vectors.normalized(gen.vector(i, 0));
            genuine[i] = Vectors.dot(a, Vectors.normalized(gen.vector(i, 1)));
            impostor[i] = Vectors.dot(a, Vectors.normalized(gen.vector(i + n, 0)));
        }
        ErrorBudget.Scores real = ErrorBudget.from(data).scores();
        System.out.println(String.format(Locale.ROOT,
                "{\"realImages\":%d,\"realSamplePR\":%.2f,\"generatorPR\":%.2f,\"realDirections\":%d,\"residualExponent\":%.3f,"
                        + "\"withinIdentityShare\":%.3f,\"dimsFor90pctVariance\":%d,\"dimsFor99pctVariance\":%d,\"smallestVariance\":%.3g,"
                        + "\"genuineMedian\":{\"real\":%.3f,\"generated\":%.3f},\"genuineP05\":{\"real\":%.3f,\"generated\":%.3f},"
                        + "\"impostorMedian\":{\"real\":%.3f,\"generated\":%.3f},\"impostorMax\":{\"real\":%.3f,\"generatedP99_9\":%.3f},"
                        + "\"realPairs\":{\"genuine\":%d,\"impostor\":%d},\"generatedPairs\":%d}",
                data.primaryEmbeddings().size(), gen.realParticipationRatio(), gen.participationRatio(), realDirections,
                gen.residualExponent(), gen.withinShare(), gen.dimensionsFor(0.90), gen.dimensionsFor(0.99), gen.smallestVariance(),
                q(real.genuine(), 0.5), q(genuine, 0.5), q(real.genuine(), 0.05), q(genuine, 0.05),
                q(real.impostor(), 0.5), q(impostor, 0.5), q(real.impostor(), 1.0), q(impostor, 0.999),
                real.genuine().length, real.impostor().length, n));
    }

    private static double q(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(p * s.length))];
    }
}
