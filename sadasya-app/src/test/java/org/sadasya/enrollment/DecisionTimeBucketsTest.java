package org.sadasya.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecisionTimeBucketsTest {

    @Test
    void bucketsGrowByTheSquareRootOfTwo_fromOneSecond() {
        assertThat(DecisionTimeBuckets.of(0)).isZero();
        assertThat(DecisionTimeBuckets.of(0.999)).isZero();
        assertThat(DecisionTimeBuckets.of(1)).isEqualTo(1);
        assertThat(DecisionTimeBuckets.of(1.41)).isEqualTo(1);
        assertThat(DecisionTimeBuckets.of(1.42)).isEqualTo(2);
        assertThat(DecisionTimeBuckets.of(2)).isEqualTo(3);
        assertThat(DecisionTimeBuckets.of(-5)).as("a clock that went back counts as no time").isZero();
        assertThat(DecisionTimeBuckets.of(3600)).isEqualTo(24); // 2^11.5 = 2896 ≤ 3600 < 4096
        assertThat(DecisionTimeBuckets.of(1e9)).isEqualTo(DecisionTimeBuckets.COUNT - 1);
        assertThat(DecisionTimeBuckets.column(7)).isEqualTo("decided_07");
    }

    @Test
    void median_ofNothing_isNull_andOfOneValue_liesInItsBucket() {
        assertThat(DecisionTimeBuckets.median(new long[DecisionTimeBuckets.COUNT])).isNull();
        long[] one = new long[DecisionTimeBuckets.COUNT];
        one[DecisionTimeBuckets.of(100)] = 1;
        assertThat(DecisionTimeBuckets.median(one)).isBetween(90.51, 128.0); // bucket [2^6.5, 2^7)
    }

    /** On random mixes of quick automatic decisions and slow reviews, the estimate is never further than the middle values' buckets. */
    @Test
    void median_staysWithinTheBucketsOfTheMiddleValues() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(400);
            double[] times = new double[n];
            long[] counts = new long[DecisionTimeBuckets.COUNT];
            double reviewShare = random.nextDouble();
            for (int i = 0; i < n; i++) {
                times[i] = random.nextDouble() < reviewShare
                        ? 600 + random.nextDouble() * 3 * 86_400 // a reviewer, minutes to days later
                        : random.nextDouble() * 40; // the pipeline, seconds
                counts[DecisionTimeBuckets.of(times[i])]++;
            }
            Arrays.sort(times);
            double lowMiddle = times[(n - 1) / 2];
            double highMiddle = times[n / 2];
            int lowBucket = DecisionTimeBuckets.of(lowMiddle);
            int highBucket = DecisionTimeBuckets.of(highMiddle);
            double estimate = DecisionTimeBuckets.median(counts);
            assertThat(estimate).as("trial %d, n %d", trial, n)
                    .isGreaterThanOrEqualTo(DecisionTimeBuckets.lower(lowBucket))
                    .isLessThan(DecisionTimeBuckets.lower(highBucket + 1));
        }
    }
}
