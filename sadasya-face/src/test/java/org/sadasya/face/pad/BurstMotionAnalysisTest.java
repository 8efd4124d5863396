package org.sadasya.face.pad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.FaceBox;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.pad.BurstEvidence.Planarity;
import org.sadasya.face.testsupport.SharedData;

/**
 * Burst analysis on synthetic motion built from real photos: a print moved by homographies in
 * front of a still background reads planar; a hemisphere turned and shifted (a head) does not;
 * two faces moving independently are not one plane; one print carrying two faces is.
 */
class BurstMotionAnalysisTest {

    static final int W = 480, H = 360;
    static RgbImage background;
    static RgbImage face;
    static RgbImage otherFace;

    @BeforeAll
    static void load() throws IOException {
        background = SyntheticScenes.resized(
                SyntheticScenes.read(SharedData.file("data/faces/multi/face_recognition/two_people.jpg")), W, H);
        face = SyntheticScenes.resized(SyntheticScenes.read(SharedData.file("data/faces/deepface/img1.jpg")), 150, 190);
        otherFace = SyntheticScenes.resized(SyntheticScenes.read(SharedData.file("data/faces/deepface/img16.jpg")), 150, 190);
    }

    static final double[][] PRINT_MOTION = {
        SyntheticScenes.homography(0, 0, 0, 1, 0, 0, 0, 0),
        SyntheticScenes.homography(240, 180, 0.03, 1.03, 6, 3, 2e-5, -1e-5),
        SyntheticScenes.homography(240, 180, -0.025, 0.98, -5, 7, -1e-5, 2e-5)};

    static List<RgbImage> printBurst(double ox, double oy) {
        List<RgbImage> frames = new ArrayList<>();
        for (double[] h : PRINT_MOTION) {
            frames.add(SyntheticScenes.compose(background, face, SyntheticScenes.print(ox, oy, h)));
        }
        return frames;
    }

    static FaceBox inner(double ox, double oy, double w, double h, double share) {
        return new FaceBox(ox + w * (1 - share) / 2, oy + h * (1 - share) / 2, w * share, h * share);
    }

    @Test
    void printedPhotoMovedInFrontOfAStillScene_readsAsAPlane_andIsAttackEvidence() {
        BurstEvidence e = BurstMotionAnalysis.analyse(printBurst(160, 80), List.of(inner(160, 80, 150, 190, 0.8)));

        assertThat(e.faces().get(0).planarity()).isEqualTo(Planarity.PLANAR);
        assertThat(e.faces().get(0).planarResidual()).isLessThan(BurstMotionAnalysis.PLANAR_TOLERANCE);
        assertThat(e.faces().get(0).points()).isGreaterThanOrEqualTo(20);
        assertThat(e.attackEvidence(0)).isTrue();
    }

    static RgbImage headFrame(double[] pose) {
        return SyntheticScenes.compose(background, face, SyntheticScenes.head(160, 80, 150, 190, pose[0], pose[1], pose[2]));
    }

    @Test
    void headTurningAndShifting_isNotAPlane_andNotAttackEvidence() {
        double[][] poses = {{0, 0, 0}, {4, 2, 0.08}, {-3, 4, -0.07}};
        List<RgbImage> frames = new ArrayList<>();
        for (double[] p : poses) {
            frames.add(headFrame(p));
        }
        BurstEvidence e = BurstMotionAnalysis.analyse(frames, List.of(inner(160, 80, 150, 190, 0.55)));

        assertThat(e.faces().get(0).planarity()).isEqualTo(Planarity.NON_PLANAR);
        assertThat(e.attackEvidence(0)).isFalse();
    }

    @Test
    void cameraShakeMovingTheWholeScene_isPlanarButNoAttackEvidence() {
        List<RgbImage> frames = new ArrayList<>();
        RgbImage still = SyntheticScenes.compose(background, face, SyntheticScenes.print(160, 80, PRINT_MOTION[0]));
        for (double[] h : PRINT_MOTION) {
            frames.add(SyntheticScenes.compose(still, still, SyntheticScenes.print(0, 0, h)));
        }
        BurstEvidence e = BurstMotionAnalysis.analyse(frames, List.of(inner(160, 80, 150, 190, 0.6)));

        assertThat(e.faces().get(0).planarity()).isEqualTo(Planarity.PLANAR);
        assertThat(e.background()).isPresent();
        assertThat(e.attackEvidence(0)).isFalse();
    }

    @Test
    void stillFrames_giveNoEvidenceEitherWay() {
        RgbImage still = SyntheticScenes.compose(background, face, SyntheticScenes.print(160, 80, PRINT_MOTION[0]));
        BurstEvidence e = BurstMotionAnalysis.analyse(List.of(still, still, still), List.of(inner(160, 80, 150, 190, 0.8)));

        assertThat(e.faces().get(0).planarity()).isEqualTo(Planarity.STILL);
        assertThat(e.attackEvidence(0)).isFalse();
    }

    @Test
    void twoFacesMovingIndependently_areNotOnePlane() {
        double[][] other = {
            SyntheticScenes.homography(0, 0, 0, 1, 0, 0, 0, 0),
            SyntheticScenes.homography(330, 170, -0.04, 0.97, -6, -2, 0, 0),
            SyntheticScenes.homography(330, 170, 0.03, 1.02, 4, -6, 0, 0)};
        double[][] headPoses = {{0, 0, 0}, {-3, 3, 0.07}, {4, -2, -0.06}};
        List<RgbImage> prints = new ArrayList<>();
        List<RgbImage> heads = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            RgbImage withA = SyntheticScenes.compose(background, face, SyntheticScenes.print(40, 70, PRINT_MOTION[k]));
            prints.add(SyntheticScenes.compose(withA, otherFace, SyntheticScenes.print(270, 80, other[k])));
            RgbImage headA = SyntheticScenes.compose(background, face,
                    SyntheticScenes.head(40, 70, 150, 190, headPoses[k][0], headPoses[k][1], headPoses[k][2]));
            heads.add(SyntheticScenes.compose(headA, otherFace,
                    SyntheticScenes.head(270, 80, 150, 190, headPoses[k][1], headPoses[k][0], -headPoses[k][2])));
        }
        BurstEvidence twoPrints = BurstMotionAnalysis.analyse(prints,
                List.of(inner(40, 70, 150, 190, 0.8), inner(270, 80, 150, 190, 0.8)));
        BurstEvidence twoHeads = BurstMotionAnalysis.analyse(heads,
                List.of(inner(40, 70, 150, 190, 0.55), inner(270, 80, 150, 190, 0.55)));

        assertThat(twoPrints.faces()).extracting(BurstEvidence.FaceMotion::planarity)
                .containsExactly(Planarity.PLANAR, Planarity.PLANAR);
        assertThat(twoPrints.sharedPlanes()).isEmpty();
        assertThat(twoHeads.faces()).extracting(BurstEvidence.FaceMotion::planarity)
                .containsExactly(Planarity.NON_PLANAR, Planarity.NON_PLANAR);
        assertThat(twoHeads.sharedPlanes()).isEmpty();
        assertThat(twoHeads.attackEvidence(0)).isFalse();
        assertThat(twoHeads.attackEvidence(1)).isFalse();
    }

    @Test
    void onePrintCarryingTwoFaces_isOnePlane() {
        RgbImage pair = SyntheticScenes.compose(
                SyntheticScenes.compose(SyntheticScenes.resized(face, 300, 190), face, (x, y) -> new double[] {x, y}),
                otherFace, (x, y) -> new double[] {x - 150, y});
        List<RgbImage> frames = new ArrayList<>();
        for (double[] h : PRINT_MOTION) {
            frames.add(SyntheticScenes.compose(background, pair, SyntheticScenes.print(90, 80, h)));
        }
        BurstEvidence e = BurstMotionAnalysis.analyse(frames,
                List.of(inner(90, 80, 150, 190, 0.8), inner(240, 80, 150, 190, 0.8)));

        assertThat(e.sharedPlanes()).extracting(BurstEvidence.SharedPlane::a, BurstEvidence.SharedPlane::b)
                .contains(org.assertj.core.groups.Tuple.tuple(0, 1));
        assertThat(e.attackEvidence(0)).isTrue();
        assertThat(e.attackEvidence(1)).isTrue();
    }
}
