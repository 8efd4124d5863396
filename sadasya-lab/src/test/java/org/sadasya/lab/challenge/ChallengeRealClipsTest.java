package org.sadasya.lab.challenge;

import org.sadasya.face.challenge.StepFollowing;
import org.sadasya.face.challenge.FaceChallengeVerdict;
import org.sadasya.face.challenge.FaceChallengeResult;
import org.sadasya.face.challenge.ChallengeStep;
import org.sadasya.face.challenge.ChallengeAnalysis;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.pad.PresentationAttackDetector;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.PipelineMode;
import org.sadasya.lab.challenge.ChallengeClip;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.testsupport.SharedData;

/**
 * Bursts cut from real clips (annotation: {@code eval/challenge/clips.tsv}); the thresholds were set without them
 * (the tuning clip is not judged here). Live people performing steps follow exactly those steps;
 * still people do not pass a turn; screens and the print follow no ticket.
 */
class ChallengeRealClipsTest {
    private static FaceEngine engine;
    private static ChallengeAnalysis analysis;
    private static List<ChallengeClip> clips;
    private static Path shared;

    @BeforeAll
    static void load() {
        shared = SharedData.root();
        // the engine as the service runs it: MobileFaceNet also judges "the same person as the still"
        engine = FaceEngine.create(PipelineMode.DEFAULT, org.sadasya.face.pad.PresentationAttackDetector.bundled(),
                org.sadasya.face.model.EmbeddingModel.MOBILEFACENET);
        analysis = new ChallengeAnalysis(engine);
        clips = annotatedClips();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static List<ChallengeClip> annotatedClips() {
        return ChallengeClip.annotated();
    }

    private static FaceChallengeResult judge(ChallengeClip clip, BurstTiming timing) throws ImageRejectedException {
        ImageAnalysis still = engine.analyze(clip.still(shared));
        assertThat(still.faces()).as("faces in the still of %s", clip.clip()).isNotEmpty();
        return analysis.analyse(still, clip.frames(shared), timing, List.of(0)).faces().get(0);
    }

    @Test
    void liveClips_followTheStepsTheyPerform() throws ImageRejectedException {
        List<String> failures = new ArrayList<>();
        int judged = 0;
        for (ChallengeClip clip : clips) {
            if (!clip.role().equals("follows")) {
                continue;
            }
            FaceChallengeResult r = judge(clip, clip.ownTiming());
            judged++;
            if (r.verdict() != FaceChallengeVerdict.FOLLOWED) {
                failures.add(clip.clip() + " " + r.verdict() + " " + r.reason() + " " + r.evidence());
            }
            // the head's motion per frame, as the console's strip shows it: the first frame is the
            // baseline, and a clip that turns reaches a turn's angle in some frame
            @SuppressWarnings("unchecked")
            List<Double> yaw = (List<Double>) r.evidence().get("frameYawDegrees");
            assertThat(yaw).as(clip.clip()).hasSize(clip.frames(shared).size());
            assertThat(yaw.get(0)).isZero();
            assertThat(((List<?>) r.evidence().get("framePitchDegrees"))).hasSameSizeAs(yaw);
            if (clip.steps().contains(ChallengeStep.TURN_LEFT) || clip.steps().contains(ChallengeStep.TURN_RIGHT)) {
                assertThat(yaw.stream().filter(java.util.Objects::nonNull).mapToDouble(v -> Math.abs(v)).max().orElse(0))
                        .as("%s turns", clip.clip()).isGreaterThanOrEqualTo(StepFollowing.TURN_MIN_DEGREES);
            }
        }
        assertThat(judged).isEqualTo(3);
        assertThat(failures).isEmpty();
    }

    @Test
    void liveClips_doNotFollowStepsTheyDidNotPerform() throws ImageRejectedException {
        List<String> followed = new ArrayList<>();
        int judged = 0;
        for (ChallengeClip clip : clips) {
            if (!clip.role().equals("follows")) {
                continue;
            }
            for (List<ChallengeStep> ticket : ChallengeClip.OTHER_TICKETS) {
                if (ticket.equals(clip.steps())) {
                    continue;
                }
                FaceChallengeResult r = judge(clip, clip.timingFor(ticket));
                judged++;
                if (r.verdict() == FaceChallengeVerdict.FOLLOWED) {
                    followed.add(clip.clip() + " " + ticket + " " + r.evidence());
                }
            }
        }
        assertThat(judged).isGreaterThanOrEqualTo(15);
        assertThat(followed).isEmpty();
    }

    @Test
    void stillLiveClips_doNotPassATurn() throws ImageRejectedException {
        List<String> followed = new ArrayList<>();
        for (ChallengeClip clip : clips) {
            if (!clip.role().equals("still")) {
                continue;
            }
            for (List<ChallengeStep> ticket : ChallengeClip.OTHER_TICKETS) {
                FaceChallengeResult r = judge(clip, clip.timingFor(ticket));
                if (r.verdict() == FaceChallengeVerdict.FOLLOWED) {
                    followed.add(clip.clip() + " " + ticket + " " + r.evidence());
                }
            }
        }
        assertThat(followed).isEmpty();
    }

    @Test
    void attackClips_followNoTicket() throws ImageRejectedException {
        List<String> followed = new ArrayList<>();
        int judged = 0;
        for (ChallengeClip clip : clips) {
            if (clip.live()) {
                continue;
            }
            for (List<ChallengeStep> ticket : ChallengeClip.OTHER_TICKETS) {
                ImageAnalysis still = engine.analyze(clip.still(shared));
                List<Integer> all = new ArrayList<>();
                for (int i = 0; i < still.faces().size(); i++) {
                    all.add(i);
                }
                for (FaceChallengeResult r : analysis.analyse(still, clip.frames(shared), clip.timingFor(ticket), all).faces()) {
                    judged++;
                    if (r.verdict() == FaceChallengeVerdict.FOLLOWED) {
                        followed.add(clip.clip() + " face " + r.face() + " " + ticket + " " + r.evidence());
                    }
                }
            }
        }
        assertThat(judged).isGreaterThanOrEqualTo(36);
        assertThat(followed).isEmpty();
    }
}
