package org.sadasya.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.challenge.ChallengeAnalysis;
import org.sadasya.face.challenge.ChallengeEvidence;
import org.sadasya.face.challenge.ChallengeStep;
import org.sadasya.face.challenge.FaceChallengeResult;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;

/**
 * A challenge burst given on the command line: frame files in capture order and the steps shown.
 * No times are known there, so the frames are taken as evenly spaced over {@link #SPAN_MS} and the
 * steps as evenly split over them ({@link BurstTiming#evenlySpaced}).
 *
 * @param frames the frame files, in capture order
 * @param steps  the steps, in the order shown
 */
record BurstArguments(List<Path> frames, List<ChallengeStep> steps) {
    static final long SPAN_MS = 2000;

    BurstArguments {
        frames = List.copyOf(frames);
        steps = List.copyOf(steps);
        if (frames.isEmpty() || steps.isEmpty()) {
            throw new CliFailure("BAD_ARGUMENT", "a burst needs at least one frame and one step");
        }
    }

    /** From comma-separated frame paths and step names. */
    static BurstArguments parse(String framesCsv, String stepsCsv) {
        List<Path> frames = new ArrayList<>();
        for (String f : framesCsv.split(",")) {
            if (!f.isBlank()) {
                frames.add(Path.of(f.strip()));
            }
        }
        List<ChallengeStep> steps = new ArrayList<>();
        for (String s : stepsCsv.split(",")) {
            if (s.isBlank()) {
                continue;
            }
            try {
                steps.add(ChallengeStep.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CliFailure("BAD_ARGUMENT", "unknown step '" + s.strip() + "' (known: TURN_LEFT, TURN_RIGHT, LOOK_UP, FACE_CAMERA)");
            }
        }
        return new BurstArguments(frames, steps);
    }

    BurstTiming timing() {
        return BurstTiming.evenlySpaced(steps, frames.size(), SPAN_MS);
    }

    /** Every face of the still judged against the burst; a frame that cannot be read is the command line's error. */
    ChallengeEvidence analyse(FaceEngine engine, ImageAnalysis still) {
        List<RgbImage> decoded = new ArrayList<>();
        for (Path f : frames) {
            try {
                decoded.add(engine.intake().decode(Files.readAllBytes(f)).image());
            } catch (ImageRejectedException e) {
                throw new CliFailure(e.code().name(), "burst frame " + f + ": " + e.getMessage());
            } catch (IOException e) {
                throw new CliFailure("IMAGE_UNREADABLE", "burst frame " + f + ": " + e.getMessage());
            }
        }
        List<Integer> faces = new ArrayList<>();
        for (int i = 0; i < still.faces().size(); i++) {
            faces.add(i);
        }
        return new ChallengeAnalysis(engine).analyseDecoded(still, decoded, timing(), faces);
    }

    /** The burst as the JSON shows it: what the analysis was told. */
    Map<String, Object> toJson() {
        BurstTiming t = timing();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", frames.size());
        m.put("steps", steps.stream().map(Enum::name).toList());
        m.put("stepStartsMs", t.stepStartsMs());
        m.put("frameTimesMs", t.frameTimesMs());
        return m;
    }

    static Map<String, Object> toJson(FaceChallengeResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", r.verdict().name());
        m.put("reason", r.reason());
        m.put("evidence", new java.util.TreeMap<>(r.evidence()));
        return m;
    }
}
