package org.sadasya.lab.jmh;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.challenge.ChallengeAnalysis;
import org.sadasya.face.challenge.ChallengeEvidence;
import org.sadasya.face.challenge.ChallengeStep;
import org.sadasya.lab.challenge.SideBySide;
import org.sadasya.face.image.ImageLimits;
import org.sadasya.face.image.ImageIntake;
import org.sadasya.face.image.RgbImage;

/**
 * The challenge analysis of a two-face burst of 8 frames (goal: 250 ms on one core; the models run
 * single-threaded, and this runs on one thread). The frames are two real one-person clips composed
 * side by side (1280 × 480 JPEGs), both people turning left then right, so both faces reach the
 * costliest path: followed, then embedded against the still. Run with {@code ./lab bench jmh
 * ChallengeBurstBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ChallengeBurstBenchmark {
    static final int FRAMES = 8;

    @Param("../shared/data/video")
    String video;

    private FaceEngine engine;
    private ChallengeAnalysis analysis;
    private ImageAnalysis still;
    private List<byte[]> encoded;
    private List<RgbImage> decoded;
    private List<Integer> faces;
    private BurstTiming timing;

    @Setup
    public void setUp() throws Exception {
        engine = FaceEngine.create(PipelineMode.DEFAULT);
        analysis = new ChallengeAnalysis(engine);
        ImageIntake intake = new ImageIntake(ImageLimits.DEFAULT);
        List<RgbImage> composed = new ArrayList<>();
        for (int i = 0; i <= FRAMES; i++) {
            RgbImage left = intake.decode(frame("apfol/live_turns_talking", 7 + 2 * i)).image();
            RgbImage right = intake.decode(frame("krzysiek354/live_small_turns", 13 + 2 * i)).image();
            composed.add(SideBySide.compose(left, right));
        }
        still = engine.analyze(composed.get(FRAMES));
        decoded = composed.subList(0, FRAMES);
        encoded = new ArrayList<>();
        for (RgbImage f : decoded) {
            encoded.add(jpeg(f));
        }
        faces = new ArrayList<>();
        for (int i = 0; i < Math.min(2, still.faces().size()); i++) {
            faces.add(i);
        }
        if (faces.size() != 2) {
            throw new IllegalStateException("the composed still should show two faces, found " + still.faces().size());
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            times.add(200L * i);
        }
        timing = new BurstTiming(List.of(ChallengeStep.TURN_LEFT, ChallengeStep.TURN_RIGHT), List.of(0L, 1000L), times);
    }

    private byte[] frame(String clip, int n) throws Exception {
        return Files.readAllBytes(Path.of(video, clip, String.format("%06d.jpg", n)));
    }

    private static byte[] jpeg(RgbImage image) throws Exception {
        BufferedImage b = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = image.rgb();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int o = (y * image.width() + x) * 3;
                b.setRGB(x, y, (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(b, "jpg", out);
        return out.toByteArray();
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    /** What the service runs: decoding the burst's JPEGs, tracking, pose, planarity, embedding. */
    @Benchmark
    public ChallengeEvidence twoFacesEightEncodedFrames() throws Exception {
        return analysis.analyse(still, encoded, timing, faces);
    }

    @Benchmark
    public ChallengeEvidence twoFacesEightDecodedFrames() {
        return analysis.analyseDecoded(still, decoded, timing, faces);
    }
}
