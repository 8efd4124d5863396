package org.sadasya.lab.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.image.ImageLimits;
import org.sadasya.face.image.ImageIntake;
import org.sadasya.face.image.RgbImage;

/**
 * A whole selfie analysis (two faces) in each mode: from decoded pixels, from the encoded file,
 * and two requests at once on one shared engine (both cores). Run with {@code ./lab bench jmh FaceEngineBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FaceEngineBenchmark {
    @Param({"DEFAULT", "REFERENCE"})
    PipelineMode mode;

    @Param("../shared/data/faces/multi/face_recognition/two_people.jpg")
    String image;

    private FaceEngine engine;
    private byte[] encoded;
    private RgbImage decoded;

    @Setup
    public void setUp() throws Exception {
        engine = FaceEngine.create(mode);
        encoded = Files.readAllBytes(Path.of(image));
        decoded = new ImageIntake(ImageLimits.DEFAULT).decode(encoded).image();
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public ImageAnalysis analyzeDecodedPixels() {
        return engine.analyze(decoded);
    }

    @Benchmark
    public ImageAnalysis analyzeEncodedFile() throws Exception {
        return engine.analyze(encoded);
    }

    @Benchmark
    @Threads(2)
    public ImageAnalysis analyzeEncodedFileTwoAtOnce() throws Exception {
        return engine.analyze(encoded);
    }
}
