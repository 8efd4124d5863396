package org.sadasya.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sadasya.face.challenge.ChallengeStep.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sadasya.face.challenge.ChallengeSequences;
import org.sadasya.face.challenge.ChallengeStep;

class ChallengeSequencesTest {

    @Test
    void threeSteps_give6DistinctSequences_fourGive21() {
        assertThat(ChallengeSequences.all(3)).hasSize(6).doesNotHaveDuplicates();
        assertThat(ChallengeSequences.all(4)).hasSize(21).doesNotHaveDuplicates();
        assertThat(ChallengeSequences.all(5)).hasSize(60);
    }

    @Test
    void everySequence_startsWithAMovement_neverRepeatsAStep_andEndsFacingTheCamera() {
        for (List<ChallengeStep> s : ChallengeSequences.all(4)) {
            assertThat(s.get(0)).isNotEqualTo(FACE_CAMERA);
            assertThat(s.get(s.size() - 1)).isEqualTo(FACE_CAMERA);
            for (int i = 1; i < s.size(); i++) {
                assertThat(s.get(i)).as(s.toString()).isNotEqualTo(s.get(i - 1));
            }
        }
        assertThat(ChallengeSequences.followable(List.of(TURN_LEFT, LOOK_UP, FACE_CAMERA))).isTrue();
        assertThat(ChallengeSequences.followable(List.of(FACE_CAMERA, TURN_LEFT, FACE_CAMERA))).isFalse();
        assertThat(ChallengeSequences.followable(List.of(TURN_LEFT, TURN_LEFT, FACE_CAMERA))).isFalse();
        assertThat(ChallengeSequences.followable(List.of(TURN_LEFT, LOOK_UP, TURN_RIGHT))).isFalse();
        assertThat(ChallengeSequences.followable(List.of(TURN_LEFT, FACE_CAMERA))).isFalse();
        assertThatThrownBy(() -> ChallengeSequences.all(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRandomSource_drawsEverySequence_aboutEquallyOften() {
        RandomChallengeSteps source = new RandomChallengeSteps(3, new Random(12));
        Map<List<ChallengeStep>, Integer> seen = new HashMap<>();
        int draws = 6000;
        for (int i = 0; i < draws; i++) {
            seen.merge(source.next(), 1, Integer::sum);
        }
        assertThat(source.distinctSequences()).isEqualTo(6);
        assertThat(seen).hasSize(6);
        // 1000 expected each; ±150 is more than 5 standard deviations (sqrt(6000·1/6·5/6) ≈ 29).
        assertThat(seen.values()).allSatisfy(c -> assertThat(c).isBetween(850, 1150));
    }

    @Test
    void theServersDefaultSource_drawsOnlyFollowableSequences() {
        RandomChallengeSteps defaults = new RandomChallengeSteps(4);
        assertThat(defaults.distinctSequences()).isEqualTo(21);
        for (int i = 0; i < 200; i++) {
            assertThat(ChallengeSequences.followable(defaults.next())).isTrue();
        }
    }
}
