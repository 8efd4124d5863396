package org.sadasya.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sadasya.decision.FaceAnalyzer;
import org.sadasya.face.FaceBox;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.LivenessScore;
import org.sadasya.face.LivenessVerdict;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.challenge.ChallengeEvidence;
import org.sadasya.face.challenge.FaceChallengeResult;
import org.sadasya.face.challenge.FaceChallengeVerdict;

/**
 * A test double for the {@link FaceAnalyzer} port, for tests about the service rather than faces
 * (API contract, queue, restart): the "photo" is a small real JPEG whose comment segment holds a
 * script such as {@code faces:W1,M7} (worker 1 and member 7, both live) or {@code faces:W1,M7?}
 * (member in doubt).
 * Burst frames carry the challenge's script, read from the first frame by {@link #challenge}:
 * {@code challenge:TURN_LEFT>LOOK_UP>FACE_CAMERA} (what the faces did: FOLLOWED when that is the
 * ticket's steps, NOT_FOLLOWED otherwise), or {@code PLANAR} / {@code UNUSABLE}; one entry per face,
 * comma-separated, the last one standing for the faces after it.
 * Each person is an orthogonal unit embedding, so different people have cosine 0. The face tests
 * with real photos run the real engine (EnrollmentJourneyTest).
 */
public final class ScriptedFaceAnalyzer implements FaceAnalyzer {

    /** The model version of its analyses: worker references meant for it carry it too. */
    public static final String MODEL = "scripted-test-double";

    public static final int DIMENSIONS = 64;

    public static byte[] photo(String script) {
        return TinyJpegs.of(script.hashCode(), "faces:" + script + ";");
    }

    @Override
    public ImageAnalysis analyze(byte[] encoded) {
        String all = new String(encoded, StandardCharsets.ISO_8859_1);
        int start = all.indexOf("faces:");
        String text = start < 0 ? "" : all.substring(start, all.indexOf(';', start));
        List<FaceObservation> faces = new ArrayList<>();
        if (text.startsWith("faces:") && text.length() > 6) {
            String[] people = text.substring(6).split(",");
            for (int i = 0; i < people.length; i++) {
                String p = people[i].trim();
                LivenessVerdict verdict = p.endsWith("?") ? LivenessVerdict.DOUBT
                        : p.endsWith("!") ? LivenessVerdict.SPOOF : LivenessVerdict.LIVE;
                String id = p.replaceAll("[?!]$", "");
                // "M5+M9": a face equally like two people (cosine 0.707 with each)
                String[] blend = id.split("\\+");
                float[] embedding = new float[DIMENSIONS];
                for (String one : blend) {
                    int axis = (one.charAt(0) == 'W' ? 0 : DIMENSIONS / 2) + Integer.parseInt(one.substring(1)) % (DIMENSIONS / 2);
                    embedding[axis] = (float) (1 / Math.sqrt(blend.length));
                }
                double spoof = verdict == LivenessVerdict.LIVE ? 0.1 : verdict == LivenessVerdict.DOUBT ? 0.5 : 0.95;
                double size = 300 - 40 * i;
                FaceBox box = new FaceBox(100 + 400 * i, 200, size, size);
                faces.add(new FaceObservation(box, box, List.of(), 0.95, 0.9, embedding,
                        new LivenessScore(1 - spoof, 1 - spoof, spoof, verdict)));
            }
        }
        return new ImageAnalysis(1280, 960, faces, MODEL);
    }

    /** A burst frame carrying a challenge script; {@code seq} makes each frame of a burst its own image. */
    public static byte[] frame(String script, int seq) {
        return TinyJpegs.of(31L * script.hashCode() + seq, "challenge:" + script + ";");
    }

    /** The {@code count} frames of a burst that did {@code script}. */
    public static byte[][] burst(String script, int count) {
        byte[][] frames = new byte[count][];
        for (int i = 0; i < count; i++) {
            frames[i] = frame(script, i);
        }
        return frames;
    }

    @Override
    public ChallengeEvidence challenge(ImageAnalysis still, List<byte[]> frames, BurstTiming timing,
            List<Integer> faces) {
        String all = frames.isEmpty() ? "" : new String(frames.get(0), StandardCharsets.ISO_8859_1);
        int start = all.indexOf("challenge:");
        String[] perFace = start < 0 ? new String[] {"UNUSABLE"}
                : all.substring(start + 10, all.indexOf(';', start)).split(",");
        String asked = String.join(">", timing.steps().stream().map(Enum::name).toList());
        List<FaceChallengeResult> results = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            String did = perFace[Math.min(i, perFace.length - 1)].trim();
            Map<String, Object> evidence = new java.util.LinkedHashMap<>(Map.of("scriptedSteps", did, "frames", frames.size()));
            if (did.equals(asked)) {
                evidence.putAll(posesOf(timing, i));
            }
            results.add(switch (did) {
                case "PLANAR" -> new FaceChallengeResult(faces.get(i), FaceChallengeVerdict.PLANAR, "PLANAR_MOTION", evidence);
                case "UNUSABLE" -> new FaceChallengeResult(faces.get(i), FaceChallengeVerdict.UNUSABLE, "TOO_DARK", evidence);
                default -> did.equals(asked)
                        ? new FaceChallengeResult(faces.get(i), FaceChallengeVerdict.FOLLOWED, "STEPS_FOLLOWED", evidence)
                        : new FaceChallengeResult(faces.get(i), FaceChallengeVerdict.NOT_FOLLOWED, "STEP_MISSED", evidence);
            });
        }
        return new ChallengeEvidence(frames.size(), results);
    }

    /**
     * Per-frame head motion in the shape the real analysis reports ({@code frameYawDegrees},
     * {@code framePitchDegrees}): the step shown at each frame's time, done fully (turns 30°, look-up
     * 20°), a degree apart per face so that the two faces' figures differ.
     */
    static Map<String, Object> posesOf(BurstTiming timing, int face) {
        List<Double> yaw = new ArrayList<>();
        List<Double> pitch = new ArrayList<>();
        for (long t : timing.frameTimesMs()) {
            int k = 0;
            while (k + 1 < timing.stepStartsMs().size() && timing.stepStartsMs().get(k + 1) <= t) {
                k++;
            }
            org.sadasya.face.challenge.ChallengeStep step = timing.steps().get(k);
            yaw.add(switch (step) {
                case TURN_LEFT -> 30.0 + face;
                case TURN_RIGHT -> -30.0 - face;
                default -> 0.0;
            });
            pitch.add(step == org.sadasya.face.challenge.ChallengeStep.LOOK_UP ? 20.0 + face : 0.0);
        }
        return Map.of("frameYawDegrees", yaw, "framePitchDegrees", pitch);
    }

    @Override
    public double matchThreshold() {
        return 0.5;
    }
}
