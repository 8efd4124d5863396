package org.sadasya.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.testsupport.SharedData;

/** facemesh's 468 points come out in image pixels, on the face, and can be re-read from a crop alone. */
class FaceMeshTest {
    /** facemesh's nose tip; blazeface's third key point is the nose too. */
    private static final int NOSE_TIP = 1;
    private static FaceEngine engine;

    @BeforeAll
    static void load() {
        engine = FaceEngine.create(PipelineMode.DEFAULT);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void mesh_isInImagePixels_onTheFace_andReproducedFromTheCropAlone() throws IOException, ImageRejectedException {
        Path photo = SharedData.file("data/faces/deepface/img1.jpg");
        RgbImage image = engine.intake().decode(Files.readAllBytes(photo)).image();
        FaceObservation face = engine.analyze(image).primaryFace().orElseThrow();

        assertThat(face.mesh()).hasSize(FaceObservation.MESH_POINTS);
        FaceBox extent = new FaceMesh(face.meshScore(), face.mesh()).extent();
        assertThat(extent.iou(face.box())).as("mesh extent against the detector box").isGreaterThan(0.5);
        Landmark meshNose = face.mesh().get(NOSE_TIP);
        Landmark detectorNose = face.landmarks().get(2);
        assertThat(Math.hypot(meshNose.x() - detectorNose.x(), meshNose.y() - detectorNose.y()))
                .as("mesh nose tip to detector nose, px").isLessThan(0.1 * face.box().width());

        FaceMesh again = engine.mesh(image, face.cropBox());
        assertThat(again.score()).isEqualTo(face.meshScore());
        for (int k = 0; k < FaceObservation.MESH_POINTS; k++) {
            assertThat(again.points().get(k).x()).isCloseTo(face.mesh().get(k).x(), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void observationsBuiltWithoutAMesh_keepAnEmptyOne() {
        FaceBox box = new FaceBox(0, 0, 10, 10);
        FaceObservation f = new FaceObservation(box, box, java.util.List.of(), 0.9, 0.9, new float[0],
                new LivenessScore(1, 1, Double.NaN, LivenessVerdict.DOUBT));
        assertThat(f.mesh()).isEmpty();
    }
}
