package org.sadasya.face.challenge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceMesh;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;

/**
 * Reads a challenge burst for the faces of its still (DESIGN.md, "Capture and challenge"): each face
 * is tracked through the frames, must follow the ticket's steps in order, must move like a head and
 * not like a plane, must not share one plane with another face, and must be the still's person.
 *
 * <p>Thread-safe (it keeps no state but the shared engine). Bad motion or a lost face is a result,
 * never an exception; only frames that cannot be decoded throw.
 */
public final class ChallengeAnalysis {
    /**
     * A face whose mesh motion one homography explains to within this share of its width moved as a
     * plane. Synthesised prints and screens of the tuning photos (deepface img1, img2, img5), tilted
     * up to 35° out of plane, bent and with moiré, stayed at or below 0.016 (facemesh's learned prior
     * bends its points a little on a tilted photo); a live head's nose stands about half a face width
     * in front of its cheeks, and the tuning clip shenasa/live_head_turns_yaw_pitch showed 0.02 for
     * a 17° turn and 0.06–0.10 for 40–60°.
     */
    static final double PLANAR_MAX_FACE_WIDTHS = 0.02;
    /** A face may be missed in this share of the frames (a fast look-up can lose the mesh for a frame or two). */
    static final double MAX_LOST_SHARE = 0.25;
    /** Frames embedded per face against the still (embedding every frame would cost ~5× the tracking). */
    static final int EMBEDDED_FRAMES = 2;
    /** Two tracks whose boxes overlap this much in a frame have fallen onto the same face. */
    static final double SAME_FACE_IOU = 0.5;

    private final FaceEngine engine;
    private final FaceTracker tracker;

    public ChallengeAnalysis(FaceEngine engine) {
        this.engine = engine;
        this.tracker = new FaceTracker(engine);
    }

    /**
     * @param still  the engine's analysis of the still photo
     * @param frames encoded burst JPEGs in capture order (same camera and framing as the still, maybe smaller)
     * @param timing the ticket's steps and the capture's times
     * @param faces  indexes into {@code still.faces()} to judge
     */
    public ChallengeEvidence analyse(ImageAnalysis still, List<byte[]> frames, BurstTiming timing, List<Integer> faces)
            throws ImageRejectedException {
        List<RgbImage> decoded = new ArrayList<>(frames.size());
        for (byte[] frame : frames) {
            decoded.add(engine.intake().decode(frame).image());
        }
        return analyseDecoded(still, decoded, timing, faces);
    }

    /** As {@link #analyse}, for frames already decoded. */
    public ChallengeEvidence analyseDecoded(ImageAnalysis still, List<RgbImage> frames, BurstTiming timing,
            List<Integer> faces) {
        return judge(track(still, frames, faces), timing);
    }

    /**
     * The first half of {@link #analyseDecoded}: each face followed through the frames. Tracking is
     * most of the cost and does not depend on the ticket, so one burst can be judged against several
     * tickets (the evaluation does).
     */
    public TrackedBurst track(ImageAnalysis still, List<RgbImage> frames, List<Integer> faces) {
        for (int f : faces) {
            if (f < 0 || f >= still.faces().size()) {
                throw new IllegalArgumentException("no face " + f + " in the still");
            }
        }
        List<FaceTrack> tracks = new ArrayList<>();
        if (!frames.isEmpty()) {
            for (int f : faces) {
                tracks.add(tracker.track(still.faces().get(f), still.width(), frames));
            }
        }
        return new TrackedBurst(still, frames, faces, tracks);
    }

    /** The second half of {@link #analyseDecoded}: the tracked faces against one ticket's steps and times. */
    public ChallengeEvidence judge(TrackedBurst burst, BurstTiming timing) {
        List<RgbImage> frames = burst.frames();
        List<Integer> faces = burst.faces();
        if (frames.isEmpty() || frames.size() != timing.frameTimesMs().size()) {
            List<FaceChallengeResult> none = new ArrayList<>();
            String reason = frames.isEmpty() ? "NO_BURST" : "TIMING_MISMATCH";
            for (int f : faces) {
                none.add(new FaceChallengeResult(f, FaceChallengeVerdict.UNUSABLE, reason, Map.of()));
            }
            return new ChallengeEvidence(frames.size(), none);
        }
        List<FaceTrack> tracks = burst.tracks();
        List<FaceChallengeResult> results = new ArrayList<>();
        for (int k = 0; k < faces.size(); k++) {
            results.add(judge(faces.get(k), burst.still(), tracks.get(k), collides(tracks, k), frames, timing));
        }
        return new ChallengeEvidence(frames.size(), CommonPlane.apply(results, tracks));
    }

    /**
     * The head's turn and look-up in each frame against the face's baseline, in degrees (null where
     * the face was lost): what a reviewer reads under each frame of the strip.
     */
    static Map<String, Object> framePoses(List<HeadPose> poses, HeadPose baseline) {
        List<Double> yaw = new ArrayList<>();
        List<Double> pitch = new ArrayList<>();
        for (HeadPose p : poses) {
            HeadPose r = p == null ? null : p.minus(baseline);
            yaw.add(r == null || !Double.isFinite(r.yawDegrees()) ? null : StepFollowing.round(r.yawDegrees()));
            pitch.add(r == null || !Double.isFinite(r.pitchDegrees()) ? null : StepFollowing.round(r.pitchDegrees()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("frameYawDegrees", java.util.Collections.unmodifiableList(yaw));
        out.put("framePitchDegrees", java.util.Collections.unmodifiableList(pitch));
        return out;
    }

    private FaceChallengeResult judge(int face, ImageAnalysis still, FaceTrack track, boolean collides,
            List<RgbImage> frames, BurstTiming timing) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        int lost = track.lostFrames().size();
        evidence.put("trackedFrames", track.frames() - lost);
        if (collides || lost > MAX_LOST_SHARE * track.frames() || track.at(track.frames() - 1).isEmpty()) {
            return new FaceChallengeResult(face, FaceChallengeVerdict.UNUSABLE, "FACE_LOST", evidence);
        }
        List<HeadPose> poses = new ArrayList<>();
        List<FrameQuality> quality = new ArrayList<>();
        for (int i = 0; i < track.frames(); i++) {
            FaceMesh m = track.at(i).orElse(null);
            poses.add(m == null ? null : HeadPose.of(m.points()));
            if (m != null) {
                quality.add(FrameQuality.of(frames.get(i), m.extent()));
            }
        }
        StepFollowing.Result steps = StepFollowing.judge(poses, timing);
        evidence.putAll(steps.evidence());
        evidence.putAll(framePoses(poses, steps.baseline()));
        int[] pair = MotionPair.widest(poses);
        double planarity = MeshPlanarity.residual(track.at(pair[0]).orElseThrow(), track.at(pair[1]).orElseThrow());
        evidence.put("planarityFaceWidths", Math.round(planarity * 10000) / 10000.0);
        evidence.put("planarityFrames", List.of(pair[0], pair[1]));
        double luma = median(quality.stream().mapToDouble(FrameQuality::meanLuma).toArray());
        double sharpness = median(quality.stream().mapToDouble(FrameQuality::sharpness).toArray());
        evidence.put("faceLuma", Math.round(luma));
        evidence.put("faceSharpness", Math.round(sharpness * 1000) / 1000.0);

        boolean planar = planarity < PLANAR_MAX_FACE_WIDTHS;
        if (steps.followed() && !planar) {
            double similarity = SamePerson.lowestSimilarity(engine, still.faces().get(face), track, poses, frames, EMBEDDED_FRAMES);
            evidence.put("similarityToStill", Math.round(similarity * 1000) / 1000.0);
            if (similarity < engine.matchThreshold()) {
                return new FaceChallengeResult(face, FaceChallengeVerdict.UNUSABLE, "OTHER_PERSON", evidence);
            }
            return new FaceChallengeResult(face, FaceChallengeVerdict.FOLLOWED, "STEPS_FOLLOWED", evidence);
        }
        // Poor frames excuse a failure (the burst could not show it) but never make a pass.
        if (luma < FrameQuality.TOO_DARK_LUMA) {
            return new FaceChallengeResult(face, FaceChallengeVerdict.UNUSABLE, "TOO_DARK", evidence);
        }
        if (sharpness < FrameQuality.BLURRED_SHARPNESS) {
            return new FaceChallengeResult(face, FaceChallengeVerdict.UNUSABLE, "BLURRED", evidence);
        }
        if (planar) {
            return new FaceChallengeResult(face, FaceChallengeVerdict.PLANAR, "PLANAR_MOTION", evidence);
        }
        return new FaceChallengeResult(face, FaceChallengeVerdict.NOT_FOLLOWED, "STEP_MISSED", evidence);
    }

    /** Whether face k's track falls onto another face's track in some frame. */
    private static boolean collides(List<FaceTrack> tracks, int k) {
        for (int j = 0; j < tracks.size(); j++) {
            if (j == k) {
                continue;
            }
            for (int i = 0; i < tracks.get(k).frames(); i++) {
                var a = tracks.get(k).at(i);
                var b = tracks.get(j).at(i);
                if (a.isPresent() && b.isPresent() && a.get().extent().iou(b.get().extent()) > SAME_FACE_IOU) {
                    return true;
                }
            }
        }
        return false;
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
