package org.sadasya.lab.pad;

import org.sadasya.face.pad.DecisionLadder;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sadasya.face.LivenessVerdict;

/** Training, calibration and the ladder on synthetic data whose answer is known. */
class PadTrainingTest {

    /** Three sources; attacks shifted along the first of five features. */
    static List<PadTraining.Example> data(double shift, long seed) {
        Random r = new Random(seed);
        List<PadTraining.Example> out = new ArrayList<>();
        for (String source : List.of("a", "b", "c")) {
            for (int i = 0; i < 60; i++) {
                boolean attack = i % 2 == 0;
                double[] x = new double[5];
                for (int j = 0; j < x.length; j++) {
                    x[j] = r.nextGaussian();
                }
                x[0] += attack ? shift : 0;
                out.add(new PadTraining.Example(source, attack, x));
            }
        }
        return out;
    }

    @Test
    void separableData_givesHighScoresToAttacks_andAnOrderedLadder() {
        PadTraining.Trained t = PadTraining.train(data(4, 1));

        assertThat(t.auc()).isGreaterThan(0.95);
        assertThat(t.ladder().liveBelow()).isLessThanOrEqualTo(t.ladder().spoofFrom());
        assertThat(t.scorer().spoofProbability(new double[] {6, 0, 0, 0, 0})).isGreaterThan(0.9);
        assertThat(t.scorer().spoofProbability(new double[] {-2, 0, 0, 0, 0})).isLessThan(0.1);
        assertThat(t.ladder().verdict(0.999)).isEqualTo(LivenessVerdict.SPOOF);
    }

    @Test
    void trainingIsDeterministic() {
        PadTraining.Trained a = PadTraining.train(data(1, 2));
        PadTraining.Trained b = PadTraining.train(data(1, 2));

        assertThat(a.scorer().weights()).containsExactly(b.scorer().weights());
        assertThat(a.ladder()).isEqualTo(b.ladder());
    }

    @Test
    void uninformativeFeatures_areNotUsefulEnoughToDecide() {
        PadTraining.Trained t = PadTraining.train(data(0, 3));

        assertThat(t.useful()).isFalse();
        assertThat(DecisionLadder.NEVER.verdict(0.99)).isEqualTo(LivenessVerdict.LIVE);
        assertThat(DecisionLadder.NEVER.fires()).isFalse();
    }

    @Test
    void ladder_hasADoubtBandBetweenItsThresholds() {
        DecisionLadder l = new DecisionLadder(0.2, 0.8);

        assertThat(l.verdict(0.1)).isEqualTo(LivenessVerdict.LIVE);
        assertThat(l.verdict(0.5)).isEqualTo(LivenessVerdict.DOUBT);
        assertThat(l.verdict(0.8)).isEqualTo(LivenessVerdict.SPOOF);
        assertThat(l.verdict(Double.NaN)).isEqualTo(LivenessVerdict.DOUBT);
        assertThat(DecisionLadder.worst(LivenessVerdict.DOUBT, LivenessVerdict.SPOOF)).isEqualTo(LivenessVerdict.SPOOF);
    }
}
