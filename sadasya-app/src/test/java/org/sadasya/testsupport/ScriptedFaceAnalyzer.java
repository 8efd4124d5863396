package org.sadasya.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sadasya.face.FaceBox;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.LivenessScore;
import org.sadasya.face.LivenessVerdict;
import org.sadasya.verification.FaceAnalyzer;

/**
 * A test double for the {@link FaceAnalyzer} port, for tests about the service rather than faces
 * (API contract, queue, restart): the "photo" is a small real JPEG whose comment segment holds a
 * script such as {@code faces:W1,M7} (worker 1 and member 7, both live) or {@code faces:W1,M7?}
 * (member in doubt).
 * Each person is an orthogonal unit embedding, so different people have cosine 0. The face tests
 * with real photos run the real engine (EnrollmentJourneyTest).
 */
public final class ScriptedFaceAnalyzer implements FaceAnalyzer {

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
                int axis = (id.charAt(0) == 'W' ? 0 : DIMENSIONS / 2) + Integer.parseInt(id.substring(1)) % (DIMENSIONS / 2);
                float[] embedding = new float[DIMENSIONS];
                embedding[axis] = 1;
                double spoof = verdict == LivenessVerdict.LIVE ? 0.1 : verdict == LivenessVerdict.DOUBT ? 0.5 : 0.95;
                double size = 300 - 40 * i;
                FaceBox box = new FaceBox(100 + 400 * i, 200, size, size);
                faces.add(new FaceObservation(box, box, List.of(), 0.95, 0.9, embedding,
                        new LivenessScore(1 - spoof, 1 - spoof, spoof, verdict)));
            }
        }
        return new ImageAnalysis(1280, 960, faces, "scripted-test-double");
    }

    @Override
    public double matchThreshold() {
        return 0.5;
    }
}
