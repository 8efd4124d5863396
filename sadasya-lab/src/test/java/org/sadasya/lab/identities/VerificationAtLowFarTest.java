package org.sadasya.lab.identities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The person-weighted figures on embeddings whose scores are known by construction. */
class VerificationAtLowFarTest {

    /**
     * Person p's photos lie in the plane of axes 2p and 2p+1 (impostors score 0); {@code apart}
     * turns one person's second photo away from their others (it scores below 0 with them).
     */
    private static Map<String, float[]> embeddings(List<IdentityPhoto> photos, int people, int perPerson, int apart) {
        Map<String, float[]> out = new HashMap<>();
        for (int p = 0; p < people; p++) {
            for (int k = 0; k < perPerson; k++) {
                float[] v = new float[2 * people];
                if (p == apart && k == 1) {
                    v[2 * p] = -1;
                } else {
                    v[2 * p] = 0.9f + 0.01f * k;
                    v[2 * p + 1] = (float) Math.sqrt(1 - v[2 * p] * v[2 * p]);
                }
                String key = "s/" + p + "/" + k;
                photos.add(new IdentityPhoto("s", key, Path.of(key), "person" + p));
                out.put(key, v);
            }
        }
        return out;
    }

    @Test
    void separatedPeople_allAccepted_noFalseAccept_andThePairsCounted() throws Exception {
        List<IdentityPhoto> photos = new ArrayList<>();
        Map<String, float[]> e = embeddings(photos, 5, 3, -1);
        ScoredPhotos all = ScoredPhotos.of(photos, e, p -> true).withAllScores(2);

        VerificationAtLowFar.Result r = VerificationAtLowFar.measure(all, new double[] {1e-3}, 2, 1);

        assertThat(r.people()).isEqualTo(5);
        assertThat(r.genuinePairs()).isEqualTo(5 * 3);
        assertThat(r.impostorPairs()).isEqualTo(15 * 14 / 2 - 15);
        assertThat(r.peoplePairs()).isEqualTo(10);
        VerificationAtLowFar.AtFar at = r.atFar().get(0);
        assertThat(at.tar()).isCloseTo(1.0, within(1e-9));
        assertThat(at.falseAccepts()).isZero();
        assertThat(at.threshold()).isGreaterThan(0).isLessThan(0.99);
    }

    @Test
    void tarCountsEachPersonOnce_whateverTheirNumberOfPhotos() throws Exception {
        List<IdentityPhoto> photos = new ArrayList<>();
        // person 0's second photo is turned away: of their three pairs only one is accepted
        Map<String, float[]> e = embeddings(photos, 4, 3, 0);
        ScoredPhotos all = ScoredPhotos.of(photos, e, p -> true).withAllScores(1);

        VerificationAtLowFar.AtFar at = VerificationAtLowFar.measure(all, new double[] {1e-3}, 1, 1).atFar().get(0);

        // (1/3 + 1 + 1 + 1) / 4 people, not 10 accepted of 12 pairs
        assertThat(at.tar()).isCloseTo((1 / 3.0 + 3) / 4, within(1e-9));
        assertThat(at.tarLow()).isLessThanOrEqualTo(at.tar());
        assertThat(at.tarHigh()).isGreaterThanOrEqualTo(at.tar()).isLessThanOrEqualTo(1.0);

        // a subset keeps its people's scores
        ScoredPhotos withoutPerson0 = all.subset(p -> !p.identity().equals("person0"));
        assertThat(VerificationAtLowFar.measure(withoutPerson0, new double[] {1e-3}, 1, 1).atFar().get(0).tar())
                .isCloseTo(1.0, within(1e-9));
    }

    @Test
    void theHeldBackSplit_isFixedByName_andHoldsAboutAQuarter() {
        int held = 0;
        for (int i = 0; i < 4000; i++) {
            if (HeldBackSplit.isHeldBack("person_" + i)) {
                held++;
            }
        }
        assertThat(held).isBetween(900, 1100);
        assertThat(HeldBackSplit.isHeldBack("Akshay_Kumar")).isEqualTo(HeldBackSplit.isHeldBack("Akshay_Kumar"));
    }
}
