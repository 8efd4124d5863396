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
            ImageAnalysis analysis = EngineOptions.analyze(engine, image);
            System.out.println(Json.write(toJson(analysis)));
        }
        return 0;
    }

    static Map<String, Object> toJson(ImageAnalysis a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image", Map.of("width", a.width(), "height", a.height()));
        List<Object> faces = new ArrayList<>();
        for (FaceObservation f : a.faces()) {
            Map<String, Object> face = new LinkedHashMap<>();
            face.put("box", box(f.box()));
            face.put("detectionScore", round(f.detectionScore()));
            List<double[]> landmarks = new ArrayList<>();
            for (Landmark l : f.landmarks()) {
                landmarks.add(new double[] {round(l.x()), round(l.y())});
            }
            face.put("landmarks", landmarks);
            Map<String, Object> liveness = new LinkedHashMap<>();
            liveness.put("spoofScore", round(f.liveness().spoofScore()));
            liveness.put("verdict", f.liveness().verdict().label());
            liveness.put("antispoofReal", round(f.liveness().antispoofReal()));
            liveness.put("livenessLive", round(f.liveness().livenessLive()));
            face.put("liveness", liveness);
            faces.add(face);
        }
        out.put("faces", faces);
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
