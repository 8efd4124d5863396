package org.sadasya.lab.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.sadasya.face.testsupport.SharedData;

class ErrorBudgetTest {

    @Test
    void pairsOfIdentitiesNotKnownToDiffer_areNeitherGenuineNorImpostor() {
        // identities 0, 1, 2: 0 and 1 known different; 2 unknown against both
        List<float[]> v = List.of(new float[] {1, 0}, new float[] {1, 0.1f}, new float[] {0, 1}, new float[] {0.2f, 1}, new float[] {1, 1});
        int[] identity = {0, 0, 1, 1, 2};
        ErrorBudget budget = ErrorBudget.of(v, identity, (a, b) -> (a == 0 && b == 1) || (a == 1 && b == 0));
        ErrorBudget.Scores scores = budget.scores();
        assertThat(scores.genuine()).hasSize(2);          // (0,1) and (2,3)
        assertThat(scores.impostor()).hasSize(4);         // identity 0 × identity 1 only
        ErrorBudget everyoneDifferent = ErrorBudget.of(v, identity, (a, b) -> true);
        assertThat(everyoneDifferent.scores().impostor()).hasSize(8);
    }

    @Test
    void generalizedParetoFit_recoversTheParametersOfASyntheticSample() {
        SplittableRandom r = new SplittableRandom(3);
        double sigma = 0.05;
        double xi = -0.2;
        double[] y = new double[50_000];
        for (int i = 0; i < y.length; i++) {
            double u = r.nextDouble();
            y[i] = sigma / xi * (Math.pow(1 - u, -xi) - 1); // inverse CDF
        }
        TailModels.GeneralizedPareto fit = TailModels.GeneralizedPareto.fitExcesses(y);
        assertThat(fit.scale()).isCloseTo(sigma, Percentage.withPercentage(3));
        assertThat(fit.shape()).isCloseTo(xi, Offset.offset(0.02));
    }

    @Test
    void fisherZGaussian_recoversAKnownTail() {
        SplittableRandom r = new SplittableRandom(4);
        double[] scores = new double[50_000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.tanh(0.42 + 0.11 * r.nextGaussian());
        }
        TailModels.FisherZGaussian fit = TailModels.FisherZGaussian.fit(scores);
        assertThat(fit.mean()).isCloseTo(0.42, Offset.offset(0.003));
        assertThat(fit.sd()).isCloseTo(0.11, Offset.offset(0.003));
        double expected = TailModels.upperNormal((TailModels.atanh(0.8) - 0.42) / 0.11);
        assertThat(fit.exceedance(0.8)).isCloseTo(expected, Percentage.withPercentage(25));
    }

    @Test
    void upperNormal_isAccurateFarInTheTail() {
        assertThat(TailModels.upperNormal(0)).isCloseTo(0.5, Offset.offset(1e-7));
        assertThat(TailModels.upperNormal(1.959964)).isCloseTo(0.025, Percentage.withPercentage(0.01));
        assertThat(TailModels.upperNormal(5)).isCloseTo(2.866516e-7, Percentage.withPercentage(0.01));
        assertThat(TailModels.upperNormal(8)).isCloseTo(6.220961e-16, Percentage.withPercentage(0.01));
    }

    @Test
    void falseDuplicateRate_compoundsThePerComparisonRateOverTheGallery() {
        assertThat(TailModels.atLeastOneMatch(1e-7, 1e7)).isCloseTo(1 - Math.exp(-1), Offset.offset(1e-6));
        assertThat(TailModels.atLeastOneMatch(1e-12, 1e5)).isCloseTo(1e-7, Percentage.withPercentage(0.01));
        assertThat(TailModels.atLeastOneMatch(0, 1e7)).isZero();
    }

    @Test
    void realPairs_giveTheLabelledCounts_andTheBudgetGrowsWithTheGalleryAndFallsWithTheThreshold() {
        ErrorBudget budget = ErrorBudget.from(FaceresData.load(SharedData.root()));
        ErrorBudget.Scores s = budget.scores();
        assertThat(s.genuine()).hasSize(38); // the Yes pairs are all the same-identity pairs
        assertThat(s.impostor()).hasSize(262); // every cross-identity pair among labelled images
        List<ErrorBudget.Row> rows = budget.table(new double[] {0.62, 0.75}, 200, 1);
        ErrorBudget.Row low = rows.get(0);
        ErrorBudget.Row high = rows.get(2);
        assertThat(low.model()).isEqualTo("fisherZGaussian");
        assertThat(low.p()).isGreaterThan(high.p());
        assertThat(low.pLow()).isLessThanOrEqualTo(low.p());
        assertThat(low.pHigh()).isGreaterThanOrEqualTo(low.p());
        assertThat(high.falseDuplicateRate(1e7)).isGreaterThan(high.falseDuplicateRate(1e5));
        assertThat(low.genuineAcceptRate()).isGreaterThan(high.genuineAcceptRate());
    }
}
