package org.sadasya.lab.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LearnedProjectionTest {

    /** 40 points in 64 dimensions that vary along 3 fixed directions only (plus an offset). */
    private static List<float[]> pointsOnAPlane(SplittableRandom rnd, double[][] basis, double[] offset) {
        List<float[]> out = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            float[] x = new float[64];
            double[] c = {3 * rnd.nextGaussian(), 2 * rnd.nextGaussian(), rnd.nextGaussian()};
            for (int i = 0; i < 64; i++) {
                double v = offset[i];
                for (int k = 0; k < 3; k++) {
                    v += c[k] * basis[k][i];
                }
                x[i] = (float) v;
            }
            out.add(x);
        }
        return out;
    }

    private static double[][] orthonormal(SplittableRandom rnd, int count, int dim) {
        double[][] b = new double[count][dim];
        for (int k = 0; k < count; k++) {
            for (int i = 0; i < dim; i++) {
                b[k][i] = rnd.nextGaussian();
            }
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < dim; i++) {
                    dot += b[k][i] * b[j][i];
                }
                for (int i = 0; i < dim; i++) {
                    b[k][i] -= dot * b[j][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < dim; i++) {
                norm += b[k][i] * b[k][i];
            }
            for (int i = 0; i < dim; i++) {
                b[k][i] /= Math.sqrt(norm);
            }
        }
        return b;
    }

    @Test
    void findsTheSubspaceTheDataLivesIn_andKeepsDistancesInIt() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[][] basis = orthonormal(rnd, 3, 64);
        double[] offset = new double[64];
        for (int i = 0; i < 64; i++) {
            offset[i] = rnd.nextDouble();
        }
        List<float[]> train = pointsOnAPlane(rnd, basis, offset);
        LearnedProjection p = LearnedProjection.fit(train);

        assertThat(p.maxDimensions()).isEqualTo(3);
        assertThat(p.varianceShare(3)).isCloseTo(1.0, within(1e-9));
        assertThat(p.varianceShare(1)).isBetween(0.5, 0.95);

        // held-out points of the same plane: 3 coordinates keep their distances exactly
        List<float[]> test = pointsOnAPlane(rnd, basis, offset);
        for (int a = 0; a + 1 < test.size(); a += 2) {
            float[] ya = p.apply(test.get(a), 3);
            float[] yb = p.apply(test.get(a + 1), 3);
            assertThat(distance(ya, yb)).isCloseTo(distance(test.get(a), test.get(a + 1)), within(1e-3));
        }
        // one coordinate loses some distance
        double lost = 0;
        for (int a = 0; a + 1 < test.size(); a += 2) {
            lost += distance(test.get(a), test.get(a + 1)) - distance(p.apply(test.get(a), 1), p.apply(test.get(a + 1), 1));
        }
        assertThat(lost).isPositive();
    }

    @Test
    void refusesWhatItCannotDo() {
        assertThatThrownBy(() -> LearnedProjection.fit(List.of(new float[4], new float[4])))
                .isInstanceOf(IllegalArgumentException.class);
        SplittableRandom rnd = new SplittableRandom(1);
        LearnedProjection p = LearnedProjection.fit(pointsOnAPlane(rnd, orthonormal(rnd, 3, 64), new double[64]));
        assertThatThrownBy(() -> p.apply(new float[64], 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.apply(new float[63], 2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
