package org.sadasya.face.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimilarityTransformTest {

    @Test
    void fit_recoversAKnownRotationScaleAndShift_andItsInverseUndoesIt() {
        SimilarityTransform known = new SimilarityTransform(1.3 * Math.cos(0.4), 1.3 * Math.sin(0.4), 17, -5);
        double[] from = {10, 20, 50, 22, 31, 45, 15, 60, 44, 61};
        double[] to = new double[from.length];
        for (int i = 0; i < from.length; i += 2) {
            double[] p = known.apply(from[i], from[i + 1]);
            to[i] = p[0];
            to[i + 1] = p[1];
        }
        SimilarityTransform fit = SimilarityTransform.fit(from, to);
        assertThat(fit.a()).isCloseTo(known.a(), within(1e-9));
        assertThat(fit.b()).isCloseTo(known.b(), within(1e-9));
        assertThat(fit.tx()).isCloseTo(17, within(1e-9));
        assertThat(fit.ty()).isCloseTo(-5, within(1e-9));
        assertThat(fit.scale()).isCloseTo(1.3, within(1e-9));
        double[] back = fit.inverse().apply(to[4], to[5]);
        assertThat(back[0]).isCloseTo(from[4], within(1e-9));
        assertThat(back[1]).isCloseTo(from[5], within(1e-9));
    }

    @Test
    void fit_isTheLeastSquaresSimilarity_notAReflection() {
        // a mirrored point set: the best similarity cannot flip it, so some error must remain
        double[] from = {0, 0, 10, 0, 0, 10};
        double[] to = {0, 0, -10, 0, 0, 10};
        SimilarityTransform fit = SimilarityTransform.fit(from, to);
        double error = 0;
        for (int i = 0; i < from.length; i += 2) {
            double[] p = fit.apply(from[i], from[i + 1]);
            error += Math.hypot(p[0] - to[i], p[1] - to[i + 1]);
        }
        assertThat(error).isGreaterThan(5);
    }

    @Test
    void fit_refusesCoincidentOrUnmatchedPoints() {
        assertThatThrownBy(() -> SimilarityTransform.fit(new double[] {1, 1, 1, 1}, new double[] {0, 0, 5, 5}))
                .hasMessageContaining("coincide");
        assertThatThrownBy(() -> SimilarityTransform.fit(new double[] {1, 1, 2, 2}, new double[] {0, 0}))
                .hasMessageContaining("matching points");
    }
}
