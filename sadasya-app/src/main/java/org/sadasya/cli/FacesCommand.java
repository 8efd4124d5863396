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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sadasya faces IMAGE}: the faces in one photo, as JSON, in image pixels (orientation applied). */
@Command(name = "faces", description = "Find the faces in a photo and print them as JSON.")
final class FacesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "JPEG, PNG or WebP file.")
    Path image;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() {
        try (FaceEngine engine = engineOptions.engine()) {
            System.out.println(Json.write(toJson(EngineOptions.analyze(engine, image))));
        }
        return 0;
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
