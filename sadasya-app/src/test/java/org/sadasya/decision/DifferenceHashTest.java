package org.sadasya.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DifferenceHashTest {

    static double[] gradient(int w, int h, boolean leftToRight) {
        double[] px = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 255.0 * x / (w - 1);
                px[y * w + x] = leftToRight ? v : 255 - v;
            }
        }
        return px;
    }

    @Test
    void sameContentAtAnotherSize_hasTheSameHash() {
        long small = DifferenceHash.of(gradient(90, 80, false), 90, 80);
        long large = DifferenceHash.of(gradient(900, 800, false), 900, 800);
        assertThat(DifferenceHash.distance(small, large)).isZero();
    }

    @Test
    void mirroredContent_isFarAway() {
        long a = DifferenceHash.of(gradient(90, 80, false), 90, 80);
        long b = DifferenceHash.of(gradient(90, 80, true), 90, 80);
        assertThat(DifferenceHash.distance(a, b)).isEqualTo(64);
    }
}
