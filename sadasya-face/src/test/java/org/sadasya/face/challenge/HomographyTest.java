package org.sadasya.face.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HomographyTest {
    private static final double[] TRUE_H = {1.05, 0.08, 12, -0.04, 0.97, -7, 0.0004, -0.0002, 1};

    @Test
    void pointsMovedByOneHomography_areFittedExactly() {
        double[] src = grid();
        double[] dst = mapped(new Homography(TRUE_H), src, 0, null);
        Homography fit = Homography.fit(src, dst);
        assertThat(fit.rmsError(src, dst)).isLessThan(1e-6);
        for (int k = 0; k < 9; k++) {
            assertThat(fit.h()[k]).isCloseTo(TRUE_H[k], org.assertj.core.data.Offset.offset(1e-6 + Math.abs(TRUE_H[k]) * 1e-6));
        }
    }

    @Test
    void pointsOffThePlane_leaveAResidualOfTheirParallax() {
        double[] src = grid();
        Random random = new Random(7);
        double[] dst = mapped(new Homography(TRUE_H), src, 3.0, random);
        double rms = Homography.fit(src, dst).rmsError(src, dst);
        // 3 px Gaussian displacements per axis: the best homography absorbs only a little of them
        assertThat(rms).isBetween(2.5, 4.5);
    }

    private static double[] grid() {
        double[] pts = new double[2 * 100];
        for (int i = 0; i < 100; i++) {
            pts[2 * i] = 100 + (i % 10) * 20;
            pts[2 * i + 1] = 80 + (i / 10) * 25;
        }
        return pts;
    }

    private static double[] mapped(Homography h, double[] src, double noise, Random random) {
        double[] dst = new double[src.length];
        for (int i = 0; i < src.length / 2; i++) {
            double[] p = h.apply(src[2 * i], src[2 * i + 1]);
            dst[2 * i] = p[0] + (random == null ? 0 : random.nextGaussian() * noise);
            dst[2 * i + 1] = p[1] + (random == null ? 0 : random.nextGaussian() * noise);
        }
        return dst;
    }
}
