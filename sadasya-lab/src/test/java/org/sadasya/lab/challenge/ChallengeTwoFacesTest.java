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
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.PipelineMode;
import org.sadasya.lab.challenge.PresentedSurface;
import org.sadasya.lab.challenge.SideBySide;
import org.sadasya.lab.challenge.SynthesisedBursts;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.testsupport.SharedData;

/**
 * Two faces in one burst, end to end through {@link ChallengeAnalysis#analyse}. No real clip has
 * two people following prompts, so these frames are <em>composed</em>: two real clips of one person
 * each, placed side by side in one frame (two cameras, so the composition is not one scene; each
 * face's own motion is real). Beside a live clip, the other half is a synthesised flat photo held
 * on a plane that tilts with the prompts.
 */
class ChallengeTwoFacesTest {
    /**
     * The first 1.6 s of two annotated live clips (clips.tsv): both turn to their left from the start
     * and to their right from 1.0 s (apfol turns left again only at 1.8 s, krzysiek354 looks up at 2.2 s).
     */
    private static final BurstTiming BOTH_PERFORM = new BurstTiming(
            List.of(ChallengeStep.TURN_LEFT, ChallengeStep.TURN_RIGHT), List.of(0L, 1000L),
            List.of(0L, 200L, 400L, 600L, 800L, 1000L, 1200L, 1400L, 1600L));
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

    /** Nine frames 200 ms apart from {@code first}, and the frame after them as the still. */
    private static List<RgbImage> clipFrames(String clip, int first) throws IOException, ImageRejectedException {
        List<RgbImage> frames = new ArrayList<>();
        for (int n = first; n <= first + 18; n += 2) {
            byte[] jpeg = Files.readAllBytes(SharedData.file(String.format("data/video/%s/%06d.jpg", clip, n)));
            frames.add(engine.intake().decode(jpeg).image());
        }
        return frames;
    }

    private static List<RgbImage> compose(List<RgbImage> left, List<RgbImage> right) {
        List<RgbImage> out = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            out.add(SideBySide.compose(left.get(i), right.get(i)));
        }
        return out;
    }

    /** The burst (all but the last composed frame) judged for the still's two largest faces, left one first. */
    private static List<FaceChallengeResult> judge(List<RgbImage> composed) {
        ImageAnalysis still = engine.analyze(composed.get(composed.size() - 1));
        List<Integer> two = new ArrayList<>();
        for (int i = 0; i < still.faces().size(); i++) {
            two.add(i);
        }
        two.sort(Comparator.comparingDouble(i -> -still.faces().get(i).box().width()));
        assertThat(two).as("faces in the composed still").hasSizeGreaterThanOrEqualTo(2);
        List<Integer> judged = new ArrayList<>(two.subList(0, 2));
        judged.sort(Comparator.comparingDouble(i -> still.faces().get(i).box().centerX()));
        return analysis.analyseDecoded(still, composed.subList(0, composed.size() - 1), BOTH_PERFORM, judged).faces();
    }

    @Test
    void twoLiveClipsSideBySide_bothFollowTheStepsBothPerform() throws IOException, ImageRejectedException {
        List<RgbImage> composed = compose(clipFrames("apfol/live_turns_talking", 7), clipFrames("krzysiek354/live_small_turns", 13));

        List<FaceChallengeResult> results = judge(composed);

        assertThat(results).hasSize(2);
        assertThat(results).allSatisfy(r -> assertThat(r.verdict()).as(r.evidence().toString()).isEqualTo(FaceChallengeVerdict.FOLLOWED));
        assertThat(results).allSatisfy(r -> assertThat(r.evidence()).containsKeys("steps", "commonPlanarityFaceWidths"));
    }

    @Test
    void aLiveClipBesideAFlatPhotoOnAMovingPlane_onlyTheLiveFaceFollows() throws IOException, ImageRejectedException {
        List<RgbImage> live = clipFrames("apfol/live_turns_talking", 7);
        // a genuine photo outside the tuning set, tilted by hand the way the prompts ask
        RgbImage photo = engine.intake().decode(Files.readAllBytes(SharedData.file("data/faces/deepface/img3.jpg"))).image();
        PresentedSurface surface = new PresentedSurface(photo, 640, 480, 0.6);
        List<Long> times = new ArrayList<>(BOTH_PERFORM.frameTimesMs());
        times.add(1800L);
        BurstTiming handTiming = new BurstTiming(BOTH_PERFORM.steps(), BOTH_PERFORM.stepStartsMs(), times);
        List<RgbImage> flat = SynthesisedBursts.render(surface, PresentedSurface.Look.print().withBend(0.1),
                SynthesisedBursts.hand(handTiming, true, 3), 3);

        List<FaceChallengeResult> results = judge(compose(live, flat));

        assertThat(results.get(0).verdict()).as(results.get(0).evidence().toString()).isEqualTo(FaceChallengeVerdict.FOLLOWED);
        assertThat(results.get(1).verdict()).as(results.get(1).evidence().toString()).isNotEqualTo(FaceChallengeVerdict.FOLLOWED);
    }
}
