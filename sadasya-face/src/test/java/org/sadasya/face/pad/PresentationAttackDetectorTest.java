package org.sadasya.face.pad;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.LivenessScore;
import org.sadasya.face.LivenessVerdict;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.image.ImageIntake;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.testsupport.SharedData;

/**
 * The detector on real images of shared/data, each source judged only by the fold model trained
 * without it (src/test/resources/…/pad-model-folds.json, written by {@link TrainPad}). The
 * expectations are the held-out figures of README-pad.md, not tuned to these images.
 */
class PresentationAttackDetectorTest {

    static FaceEngine engine;
    static Map<String, PadModel> folds;
    static final ImageIntake INTAKE = new ImageIntake(org.sadasya.face.image.ImageLimits.DEFAULT);

    @BeforeAll
    static void load() throws IOException {
        engine = FaceEngine.create(PipelineMode.DEFAULT);
        try (InputStream in = PresentationAttackDetectorTest.class.getResourceAsStream("pad-model-folds.json")) {
            folds = new ObjectMapper().readValue(in, new TypeReference<Map<String, PadModel>>() {});
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    record Judged(String file, boolean attack, PadAssessment assessment) {}

    /** Every {@code step}-th row of a source's manifest, judged by the model that never saw the source. */
    static List<Judged> judgeSource(String source, int step) throws Exception {
        Path dir = SharedData.file("data/pad/" + source);
        List<String> rows = Files.readAllLines(dir.resolve("manifest.tsv"), StandardCharsets.UTF_8);
        PresentationAttackDetector detector = new PresentationAttackDetector(folds.get(source));
        List<Judged> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i += step) {
            String[] f = rows.get(i).split("\t", -1);
            RgbImage image = INTAKE.decode(dir.resolve(f[0])).image();
            ImageAnalysis analysis = engine.analyze(image);
            out.add(new Judged(f[0], !f[2].equals("live"), detector.assess(image, analysis.faces())));
        }
        return out;
    }

    static long count(List<Judged> js, boolean attack, LivenessVerdict v) {
        return js.stream().filter(j -> j.attack() == attack && j.assessment().verdict().orElse(null) == v).count();
    }

    @Test
    void printedPhotoAttacks_areNeverPassedAsLive_byAModelThatNeverSawAPrintAttack() throws Exception {
        // nuaa is the only print source: its held-out model has seen no printed photo at all
        List<Judged> js = judgeSource("nuaa", 8);

        assertThat(js.stream().filter(Judged::attack)).hasSize(10)
                .allSatisfy(j -> assertThat(j.assessment().verdict()).as(j.file()).isPresent());
        assertThat(count(js, true, LivenessVerdict.LIVE)).as("print attacks passed as live").isZero();
        assertThat(count(js, false, LivenessVerdict.SPOOF)).as("genuine NUAA faces rejected").isLessThanOrEqualTo(1);
    }

    @Test
    void screenReplays_areNotPassedAsLive_andGenuineFacesAreNotRejected() throws Exception {
        List<Judged> js = judgeSource("apfol", 4);

        assertThat(count(js, true, LivenessVerdict.LIVE)).as("screen replays passed as live").isZero();
        assertThat(count(js, true, LivenessVerdict.SPOOF)).as("screen replays rejected outright").isPositive();
        assertThat(count(js, false, LivenessVerdict.SPOOF)).as("genuine apfol faces rejected").isZero();
    }

    @Test
    void genuineGroupPhotos_areNotRejected() throws Exception {
        for (String folder : List.of("multi/dlib", "multi/face_recognition")) {
            PresentationAttackDetector detector = new PresentationAttackDetector(folds.get("faces/" + folder));
            List<Path> files;
            try (Stream<Path> s = Files.list(SharedData.file("data/faces/" + folder))) {
                files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            }
            for (Path file : files) {
                RgbImage image = INTAKE.decode(file).image();
                ImageAnalysis analysis = engine.analyze(image);
                PadAssessment a = detector.assess(image, analysis.faces());
                assertThat(a.faces()).as(file.toString()).isNotEmpty();
                assertThat(a.faces()).extracting(LivenessScore::verdict).as(file.toString())
                        .doesNotContain(LivenessVerdict.SPOOF);
                assertThat(a.verdict()).as(file.toString()).isPresent().get().isNotEqualTo(LivenessVerdict.SPOOF);
            }
        }
    }

    @Test
    void anImageWithoutAFace_isNoface_withANaNScore() {
        byte[] grey = new byte[200 * 160 * 3];
        java.util.Arrays.fill(grey, (byte) 127);
        RgbImage blank = new RgbImage(200, 160, grey);
        PadAssessment a = PresentationAttackDetector.bundled().assess(blank, engine.analyze(blank).faces());

        assertThat(a.label()).isEqualTo("noface");
        assertThat(a.spoofScore()).isNaN();
    }

    @Test
    void bundledModel_matchesTheFeatureLayout_andHasAnOrderedLadder() {
        PadModel m = PadModel.bundled();

        assertThat(m.face().weights()).hasSize(PadFeatures.FACE_LENGTH);
        assertThat(m.faceLadder().liveBelow()).isLessThan(m.faceLadder().spoofFrom());
        assertThat(m.provenance()).containsKey("command");
    }
}
