package org.sadasya.face.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The yaw/pitch sequence against the steps, on pose sequences written out by hand. */
class StepFollowingTest {
    private static final List<Long> TIMES = List.of(0L, 300L, 600L, 900L, 1200L, 1500L, 1800L, 2100L, 2400L, 2700L);

    private static List<HeadPose> poses(double[][] yawPitch) {
        List<HeadPose> out = new ArrayList<>();
        for (double[] p : yawPitch) {
            out.add(new HeadPose(p[0], p[1]));
        }
        return out;
    }

    private static final double[][] LEFT_UP_CAMERA = {
        {0, 0}, {5, 0}, {30, 0}, {35, 2}, {10, 5}, {0, 25}, {2, 28}, {1, 8}, {0, 1}, {1, 0}};

    private static BurstTiming timing(ChallengeStep... steps) {
        return new BurstTiming(List.of(steps), List.of(0L, 900L, 1800L), TIMES);
    }

    @Test
    void aHeadThatTurnsLeftLooksUpAndComesBack_followsThoseSteps() {
        var r = StepFollowing.judge(poses(LEFT_UP_CAMERA),
                timing(ChallengeStep.TURN_LEFT, ChallengeStep.LOOK_UP, ChallengeStep.FACE_CAMERA));
        assertThat(r.followed()).isTrue();
        assertThat(r.steps().get(0).measuredDegrees()).isEqualTo(35);
    }

    @Test
    void theSameMotion_doesNotFollowAMirroredOrReorderedTicket() {
        assertThat(StepFollowing.judge(poses(LEFT_UP_CAMERA),
                timing(ChallengeStep.TURN_RIGHT, ChallengeStep.LOOK_UP, ChallengeStep.FACE_CAMERA)).followed()).isFalse();
        assertThat(StepFollowing.judge(poses(LEFT_UP_CAMERA),
                timing(ChallengeStep.LOOK_UP, ChallengeStep.TURN_LEFT, ChallengeStep.FACE_CAMERA)).followed()).isFalse();
    }

    @Test
    void aFaceThatShakesBothWays_doesNotPassATurn() {
        double[][] shake = {{0, 0}, {25, 0}, {-25, 0}, {25, 0}, {-25, 0}, {25, 0}, {-25, 0}, {25, 0}, {-25, 0}, {0, 0}};
        assertThat(StepFollowing.judge(poses(shake),
                timing(ChallengeStep.TURN_LEFT, ChallengeStep.TURN_RIGHT, ChallengeStep.TURN_LEFT)).followed()).isFalse();
    }

    @Test
    void aStillFace_followsNoTurn_andLostFramesAreSkipped() {
        List<HeadPose> still = new ArrayList<>(poses(new double[][] {
            {3, -2}, {4, -2}, {3, -1}, {2, -2}, {3, -2}, {4, -1}, {3, -2}, {3, -2}, {2, -2}, {3, -2}}));
        still.set(4, null);
        var r = StepFollowing.judge(still, timing(ChallengeStep.FACE_CAMERA, ChallengeStep.TURN_LEFT, ChallengeStep.FACE_CAMERA));
        assertThat(r.steps().get(0).followed()).isTrue();
        assertThat(r.steps().get(1).followed()).isFalse();
    }
}
