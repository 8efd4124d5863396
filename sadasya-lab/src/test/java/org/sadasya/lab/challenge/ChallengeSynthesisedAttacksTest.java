package org.sadasya.lab.challenge;

import org.sadasya.face.challenge.FaceChallengeVerdict;
import org.sadasya.face.challenge.FaceChallengeResult;
import org.sadasya.face.challenge.ChallengeStep;
import org.sadasya.face.challenge.ChallengeAnalysis;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.pad.PresentationAttackDetector;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.PipelineMode;
import org.sadasya.lab.challenge.PresentedSurface;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.testsupport.SharedData;

/**
 * Synthesised presentations (reported apart from the real clips): a genuine photo on a print or a
 * screen, tilted by hand in time with the prompts, cannot follow them; a photo of two people moved
 * as one plane is caught as one plane; a burst that loses the face is unusable, not a rejection.
 */
class ChallengeSynthesisedAttacksTest {
    private static final List<ChallengeStep> TICKET = List.of(ChallengeStep.TURN_LEFT, ChallengeStep.LOOK_UP, ChallengeStep.TURN_RIGHT);
    /** The attacker's best effort: tilt the picture the way each prompt asks, 35° out of plane, with hand jitter. */
    private static final double[][] TILTS = {{0, 0}, {15, 0}, {35, 0}, {35, 2}, {5, 20}, {0, 25}, {-10, 15}, {-35, 0}, {-35, 3}, {-30, 0}};
    private static FaceEngine engine;
    private static ChallengeAnalysis analysis;

    @BeforeAll
    static void load() {
        // the engine as the service runs it: MobileFaceNet also judges "the same person as the still"
        engine = FaceEngine.create(PipelineMode.DEFAULT, org.sadasya.face.pad.PresentationAttackDetector.bundled(),
                org.sadasya.face.model.EmbeddingModel.MOBILEFACENET);
        analysis = new ChallengeAnalysis(engine);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static RgbImage photo(String relative) throws IOException, ImageRejectedException {
        return engine.intake().decode(Files.readAllBytes(SharedData.file(relative))).image();
    }

    private static List<RgbImage> tilted(PresentedSurface surface, PresentedSurface.Look look) {
        List<RgbImage> frames = new ArrayList<>();
        PresentedSurface.Pose previous = PresentedSurface.Pose.frontal();
        for (int i = 0; i < TILTS.length; i++) {
            PresentedSurface.Pose pose = new PresentedSurface.Pose(TILTS[i][0], TILTS[i][1], (i % 3 - 1) * 2.0,
                    (i % 2) * 6 - 3, (i % 3) * 4 - 4, 1);
            frames.add(surface.frame(pose, look, previous, i));
            previous = pose;
        }
        return frames;
    }

    private static List<FaceChallengeResult> judge(List<RgbImage> frames, List<Integer> faces) {
        RgbImage stillFrame = frames.get(frames.size() - 1);
        ImageAnalysis still = engine.analyze(stillFrame);
        assertThat(still.faces()).hasSizeGreaterThanOrEqualTo(faces.size());
        BurstTiming timing = BurstTiming.evenlySpaced(TICKET, frames.size(), 2700);
        return analysis.analyseDecoded(still, frames, timing, faces).faces();
    }

    @Test
    void aPrintOrScreenTiltedWithThePrompts_followsNoStep() throws IOException, ImageRejectedException {
        // photos outside the tuning set (deepface img1, img2, img5)
        List<String> failures = new ArrayList<>();
        for (String name : List.of("img3.jpg", "img7.jpg", "img11.jpg")) {
            PresentedSurface surface = new PresentedSurface(photo("data/faces/deepface/" + name), 640, 480, 0.6);
            for (PresentedSurface.Look look : List.of(PresentedSurface.Look.print().withBend(0.15),
                    PresentedSurface.Look.screen().withRollingShutter(0.3), PresentedSurface.Look.print().withBlur(2))) {
                FaceChallengeResult r = judge(tilted(surface, look), List.of(0)).get(0);
                if (r.verdict() == FaceChallengeVerdict.FOLLOWED) {
                    failures.add(name + " " + look + " " + r.evidence());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aPhotoOfTwoPeopleMovedAsOnePlane_isNotFollowedByEither() throws IOException, ImageRejectedException {
        PresentedSurface surface = new PresentedSurface(photo("data/faces/multi/face_recognition/two_people.jpg"), 640, 480, 0.9);
        List<FaceChallengeResult> results = judge(tilted(surface, PresentedSurface.Look.print()), List.of(0, 1));
        assertThat(results).hasSize(2);
        assertThat(results).allSatisfy(r -> assertThat(r.verdict()).isNotEqualTo(FaceChallengeVerdict.FOLLOWED));
        assertThat(results).allSatisfy(r -> assertThat(r.evidence()).containsKey("commonPlanarityFaceWidths"));
    }

    @Test
    void aBurstThatLosesTheFace_isUnusableWithTheReason() throws IOException, ImageRejectedException {
        PresentedSurface surface = new PresentedSurface(photo("data/faces/deepface/img3.jpg"), 640, 480, 0.6);
        List<RgbImage> frames = new ArrayList<>(tilted(surface, PresentedSurface.Look.print()));
        RgbImage blank = new RgbImage(640, 480, new byte[640 * 480 * 3]);
        for (int i = 0; i < 4; i++) {
            frames.set(i, blank);
        }
        FaceChallengeResult r = judge(frames, List.of(0)).get(0);
        assertThat(r.verdict()).isEqualTo(FaceChallengeVerdict.UNUSABLE);
        assertThat(r.reason()).isEqualTo("FACE_LOST");
    }
}
