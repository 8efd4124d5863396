package org.sadasya.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sadasya.face.FaceBox;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.Landmark;
import org.sadasya.face.LivenessScore;
import picocli.CommandLine.Command;
import org.sadasya.face.challenge.ChallengeEvidence;
import org.sadasya.face.challenge.FaceChallengeResult;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sadasya faces IMAGE [--burst F1,F2,… --steps STEP,…]}: the faces in one photo, as JSON, in
 * image pixels (orientation applied); with a burst, each face's challenge reading too.
 */
@Command(name = "faces", description = "Find the faces in a photo and print them as JSON.")
final class FacesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "JPEG, PNG or WebP file.")
    Path image;

    @Option(names = "--burst", paramLabel = "F1,F2,…",
            description = "Challenge burst frames, comma-separated, in capture order (taken as evenly spaced over 2 s); needs --steps.")
    String burst;

    @Option(names = "--steps", paramLabel = "STEP,…",
            description = "The steps shown during the burst, comma-separated (TURN_LEFT, TURN_RIGHT, LOOK_UP, FACE_CAMERA); needs --burst.")
    String steps;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() {
        if ((burst == null) != (steps == null)) {
            throw new CliFailure("BAD_ARGUMENT", "--burst and --steps go together");
        }
        BurstArguments challenge = burst == null ? null : BurstArguments.parse(burst, steps);
        try (FaceEngine engine = engineOptions.engine()) {
            ImageAnalysis a = EngineOptions.analyze(engine, image);
            Map<String, Object> out = toJson(a);
            if (challenge != null) {
                addChallenge(out, challenge, challenge.analyse(engine, a));
            }
            System.out.println(Json.write(out));
        }
        return 0;
    }

    /** Each face's reading of the burst beside its other figures, and what the analysis was told. */
    @SuppressWarnings("unchecked")
    static void addChallenge(Map<String, Object> out, BurstArguments burst, ChallengeEvidence evidence) {
        List<Object> faces = (List<Object>) out.get("faces");
        for (FaceChallengeResult r : evidence.faces()) {
            ((Map<String, Object>) faces.get(r.face())).put("challenge", BurstArguments.toJson(r));
        }
        out.put("burst", burst.toJson());
    }

    static Map<String, Object> toJson(ImageAnalysis a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image", Map.of("width", a.width(), "height", a.height()));
        List<Object> faces = new ArrayList<>();
        for (int i = 0; i < a.faces().size(); i++) {
            FaceObservation f = a.faces().get(i);
            LivenessScore pad = f.liveness();
            Map<String, Object> face = new LinkedHashMap<>();
            face.put("box", box(f.box()));
            face.put("detectionScore", round(f.detectionScore()));
            List<double[]> landmarks = new ArrayList<>();
            for (Landmark l : f.landmarks()) {
                landmarks.add(new double[] {round(l.x()), round(l.y())});
            }
            face.put("landmarks", landmarks);
            Map<String, Object> live = new LinkedHashMap<>();
            live.put("spoofScore", round(pad.spoofScore()));
            live.put("verdict", pad.verdict().label());
            live.put("antispoofReal", round(pad.antispoofReal()));
            live.put("livenessLive", round(pad.livenessLive()));
            face.put("liveness", live);
            faces.add(face);
        }
        out.put("faces", faces);
        Map<String, Object> imageLiveness = new LinkedHashMap<>();
        imageLiveness.put("spoofScore", Double.isNaN(a.liveness().spoofScore()) ? null : round(a.liveness().spoofScore()));
        imageLiveness.put("verdict", a.liveness().label());
        imageLiveness.put("notes", a.liveness().notes());
        out.put("liveness", imageLiveness);
        out.put("models", a.modelVersion());
        return out;
    }

    private static Map<String, Object> box(FaceBox b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x", round(b.x()));
        m.put("y", round(b.y()));
        m.put("width", round(b.width()));
        m.put("height", round(b.height()));
        return m;
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
