package org.sadasya.lab.identities;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * TAR at fixed FARs over every pair of a set of photos, weighted by identity: each person counts
 * once in TAR (the mean over people of the share of their same-person pairs accepted), each pair of
 * people once in FAR (the mean over pairs of people of the share of their cross pairs accepted), so
 * a person with 200 photos does not outweigh 50 people with 5. Thresholds come from a 65 536-bin
 * score histogram (bins 3·10⁻⁵ wide). Intervals: a percentile bootstrap over people at the fixed
 * threshold (people drawn with replacement; TAR and FAR recomputed over the drawn people).
 */
final class VerificationAtLowFar {
    static final int BINS = 1 << 16;
    private static final int BOOTSTRAP = 1000;

    /** One FAR target's figures. */
    record AtFar(double targetFar, double threshold, double tar, double far, long falseAccepts,
            double tarLow, double tarHigh, double farLow, double farHigh) {}

    /** A set's figures: the pairs behind them, then one entry per FAR target. */
    record Result(int photos, int people, long genuinePairs, long impostorPairs, int peoplePairs, double eer,
            List<AtFar> atFar, double[] farFromBin) {

        /**
         * FAR at {@code threshold} from an exponential tail, log FAR linear in the score, fitted to
         * the measured FAR between 1e-6 and 1e-3: for thresholds beyond what the pairs can measure.
         */
        double extrapolatedFar(double threshold) {
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            int n = 0;
            for (int b = 0; b < BINS; b++) {
                double f = farFromBin[b];
                if (f > 1e-6 && f < 1e-3) {
                    double x = edge(b), y = Math.log10(f);
                    sx += x;
                    sy += y;
                    sxx += x * x;
                    sxy += x * y;
                    n++;
                }
            }
            if (n < 2) {
                return Double.NaN;
            }
            double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
            double intercept = (sy - slope * sx) / n;
            return Math.pow(10, intercept + slope * threshold);
        }
    }

    private VerificationAtLowFar() {}

    static int bin(double score) {
        int b = (int) ((score + 1) / 2 * BINS);
        return Math.max(0, Math.min(BINS - 1, b));
    }

    static double edge(int bin) {
        return bin * 2.0 / BINS - 1;
    }

    static Result measure(ScoredPhotos p, double[] targets, int threads, long seed) {
        return measure(p, targets, new double[0], threads, seed);
    }

    /** As {@link #measure(ScoredPhotos, double[], int, long)}, plus the figures at each of {@code thresholds} (targetFar NaN). */
    static Result measure(ScoredPhotos p, double[] targets, double[] thresholds, int threads, long seed) {
        int k = p.identities.size();
        double[] genuine = new double[BINS];
        double[] impostor = new double[BINS];
        long[] counts = new long[2];
        // pass 1: weighted histograms
        parallelRows(p, threads, () -> new double[2 * BINS + 2], (acc, i, j, s) -> {
            int a = p.identity[i], b = p.identity[j];
            if (a == b) {
                acc[bin(s)] += 1.0 / genuinePairs(p.photosOf[a]);
                acc[2 * BINS]++;
            } else {
                acc[BINS + bin(s)] += 1.0 / ((double) p.photosOf[a] * p.photosOf[b]);
                acc[2 * BINS + 1]++;
            }
        }, acc -> {
            for (int b = 0; b < BINS; b++) {
                genuine[b] += acc[b];
                impostor[b] += acc[BINS + b];
            }
            counts[0] += (long) acc[2 * BINS];
            counts[1] += (long) acc[2 * BINS + 1];
        });
        int peopleWithPairs = 0;
        for (int n : p.photosOf) {
            if (n >= 2) {
                peopleWithPairs++;
            }
        }
        int peoplePairs = k * (k - 1) / 2;
        double gTotal = Math.max(1, peopleWithPairs), iTotal = Math.max(1, peoplePairs);
        // accepted share at or above each bin, from the top
        double[] tarFrom = new double[BINS + 1];
        double[] farFrom = new double[BINS + 1];
        for (int b = BINS - 1; b >= 0; b--) {
            tarFrom[b] = tarFrom[b + 1] + genuine[b] / gTotal;
            farFrom[b] = farFrom[b + 1] + impostor[b] / iTotal;
        }
        double eer = 1;
        for (int b = 0; b < BINS; b++) {
            if (farFrom[b] <= 1 - tarFrom[b]) {
                eer = (farFrom[b] + 1 - tarFrom[b]) / 2;
                break;
            }
        }
        int[] thresholdBins = new int[targets.length + thresholds.length];
        for (int t = 0; t < targets.length; t++) {
            int b = BINS - 1;
            while (b > 0 && farFrom[b - 1] <= targets[t]) {
                b--;
            }
            thresholdBins[t] = b;
        }
        for (int t = 0; t < thresholds.length; t++) {
            int b = bin(thresholds[t]);
            thresholdBins[targets.length + t] = edge(b) < thresholds[t] ? b + 1 : b;
        }
        // pass 2: accepted pairs per person and per pair of people at each threshold, for the bootstrap
        int nt = thresholdBins.length;
        double[][] acceptedGenuine = new double[nt][k];
        double[][] acceptedCross = new double[nt][k * k];
        long[] falseAccepts = new long[nt];
        parallelRows(p, threads, () -> new double[nt * (k + k * k + 1)], (acc, i, j, s) -> {
            int a = p.identity[i], b = p.identity[j];
            int sb = bin(s);
            for (int t = 0; t < nt; t++) {
                if (sb < thresholdBins[t]) {
                    continue;
                }
                int base = t * (k + k * k + 1);
                if (a == b) {
                    acc[base + a]++;
                } else {
                    acc[base + k + Math.min(a, b) * k + Math.max(a, b)]++;
                    acc[base + k + k * k]++;
                }
            }
        }, acc -> {
            for (int t = 0; t < nt; t++) {
                int base = t * (k + k * k + 1);
                for (int a = 0; a < k; a++) {
                    acceptedGenuine[t][a] += acc[base + a];
                }
                for (int c = 0; c < k * k; c++) {
                    acceptedCross[t][c] += acc[base + k + c];
                }
                falseAccepts[t] += (long) acc[base + k + k * k];
            }
        });
        List<AtFar> out = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            double[] tarShare = new double[k];
            double[] farShare = new double[k * k];
            for (int a = 0; a < k; a++) {
                tarShare[a] = p.photosOf[a] >= 2 ? acceptedGenuine[t][a] / genuinePairs(p.photosOf[a]) : Double.NaN;
                for (int b = a + 1; b < k; b++) {
                    farShare[a * k + b] = acceptedCross[t][a * k + b] / ((double) p.photosOf[a] * p.photosOf[b]);
                    farShare[b * k + a] = farShare[a * k + b];
                }
            }
            double[][] boot = bootstrap(tarShare, farShare, k, seed + t);
            out.add(new AtFar(t < targets.length ? targets[t] : Double.NaN, edge(thresholdBins[t]), tarFrom[thresholdBins[t]], farFrom[thresholdBins[t]],
                    falseAccepts[t], boot[0][0], boot[0][1], boot[1][0], boot[1][1]));
        }
        return new Result(p.count, k, counts[0], counts[1], peoplePairs, eer, out, farFrom);
    }

    /** 95 % percentile intervals of TAR and FAR over people drawn with replacement. */
    private static double[][] bootstrap(double[] tarShare, double[] farShare, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] tars = new double[BOOTSTRAP];
        double[] fars = new double[BOOTSTRAP];
        int[] drawn = new int[k];
        for (int r = 0; r < BOOTSTRAP; r++) {
            for (int i = 0; i < k; i++) {
                drawn[i] = random.nextInt(k);
            }
            double tar = 0;
            int withPairs = 0;
            for (int a : drawn) {
                if (!Double.isNaN(tarShare[a])) {
                    tar += tarShare[a];
                    withPairs++;
                }
            }
            double far = 0;
            long pairs = 0;
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    if (drawn[i] != drawn[j]) {
                        far += farShare[drawn[i] * k + drawn[j]];
                        pairs++;
                    }
                }
            }
            tars[r] = withPairs == 0 ? Double.NaN : tar / withPairs;
            fars[r] = pairs == 0 ? Double.NaN : far / pairs;
        }
        java.util.Arrays.sort(tars);
        java.util.Arrays.sort(fars);
        int lo = (int) (0.025 * BOOTSTRAP), hi = (int) (0.975 * BOOTSTRAP) - 1;
        return new double[][] {{tars[lo], tars[hi]}, {fars[lo], fars[hi]}};
    }

    private static double genuinePairs(int photos) {
        return photos * (photos - 1) / 2.0;
    }

    interface PairVisitor {
        void visit(double[] acc, int i, int j, double score);
    }

    interface Merge {
        void merge(double[] acc);
    }

    /** Visits every pair i &lt; j, rows split over threads, each with its own accumulator. */
    private static void parallelRows(ScoredPhotos p, int threads, java.util.function.Supplier<double[]> fresh,
            PairVisitor visitor, Merge merge) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> parts = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                parts.add(pool.submit(() -> {
                    double[] acc = fresh.get();
                    for (int i = worker; i < p.count; i += threads) {
                        for (int j = i + 1; j < p.count; j++) {
                            visitor.visit(acc, i, j, p.score(i, j));
                        }
                    }
                    return acc;
                }));
            }
            for (Future<double[]> f : parts) {
                merge.merge(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
