package org.sadasya.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.testsupport.LabelledFaces;
import org.sadasya.face.testsupport.SharedData;

/**
 * The default mode goes beyond the reference where real inputs need it: passport-style tight
 * crops (even 112×112 grayscale), every face of a crowd, never one face twice.
 */
class DefaultModeDetectionTest {
    private static FaceEngine engine;
    private static FaceEngine reference;

    @BeforeAll
    static void load() {
        engine = FaceEngine.create(PipelineMode.DEFAULT);
        reference = FaceEngine.create(PipelineMode.REFERENCE);
    }

    @AfterAll
    static void close() {
        engine.close();
        reference.close();
    }

    @Test
    void tightGrayscale112Crops_ofRealFaces_areEachDetectedExactlyOnce() throws IOException {
        List<Path> photos = deepfacePhotos().subList(0, 24);
        int tested = 0;
        for (Path photo : photos) {
            BufferedImage original = ImageIO.read(photo.toFile());
            ImageAnalysis analysis = engine.analyze(RgbImage.of(original));
            FaceBox box = analysis.primaryFace().orElseThrow(() -> new AssertionError("no face in " + photo)).box();
            BufferedImage tight = scaledGray(crop(original, box), 112);
            ImageAnalysis cropAnalysis = engine.analyze(RgbImage.of(tight));
            assertThat(cropAnalysis.faces()).as("faces in the tight 112×112 grayscale crop of %s", photo.getFileName()).hasSize(1);
            tested++;
        }
        assertThat(tested).isEqualTo(24);
    }

    @Test
    void labelledCrowdPhotos_everyFaceFoundAndNoneTwice() throws IOException {
        int labelled = 0;
        int found = 0;
        for (Map.Entry<Path, List<FaceBox>> e : LabelledFaces.dlib().entrySet()) {
            ImageAnalysis a = engine.analyze(RgbImage.of(ImageIO.read(e.getKey().toFile())));
            assertNoFaceTwice(a, e.getKey().getFileName().toString());
            for (FaceBox label : e.getValue()) {
                labelled++;
                if (a.faces().stream().anyMatch(f -> label.contains(f.box().centerX(), f.box().centerY()) || f.box().iou(label) > 0.3)) {
                    found++;
                }
            }
        }
        assertThat(labelled).isEqualTo(43);
        // 42 of 43 measured; one 37-px face is dropped by the face-mesh gate in both modes.
        assertThat((double) found / labelled).as("share of labelled faces found (%d of %d)", found, labelled).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aMosaicOfSixteenFaces_yieldsSixteenFacesWhereTheReferenceStopsAtTen() throws IOException {
        List<Path> photos = deepfacePhotos();
        int cell = 160;
        BufferedImage mosaic = new BufferedImage(4 * cell, 4 * cell, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = mosaic.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int placed = 0;
        for (Path photo : photos) {
            if (placed == 16) {
                break;
            }
            BufferedImage original = ImageIO.read(photo.toFile());
            ImageAnalysis a = engine.analyze(RgbImage.of(original));
            if (a.faces().size() != 1) {
                continue; // one person per cell keeps the count exact
            }
            FaceBox box = a.faces().get(0).box();
            FaceBox loose = grow(box, 1.8, original.getWidth(), original.getHeight());
            g.drawImage(crop(original, loose), (placed % 4) * cell, (placed / 4) * cell, cell, cell, null);
            placed++;
        }
        g.dispose();
        assertThat(placed).isEqualTo(16);
        ImageAnalysis analysis = engine.analyze(RgbImage.of(mosaic));
        assertNoFaceTwice(analysis, "mosaic");
        assertThat(analysis.faces()).as("faces in the 4×4 mosaic").hasSize(16);
        assertThat(reference.analyze(RgbImage.of(mosaic)).faces()).hasSizeLessThanOrEqualTo(10);
    }

    private static void assertNoFaceTwice(ImageAnalysis a, String what) {
        List<FaceObservation> faces = a.faces();
        for (int i = 0; i < faces.size(); i++) {
            for (int j = 0; j < faces.size(); j++) {
                if (i != j) {
                    FaceBox bi = faces.get(i).box();
                    FaceBox bj = faces.get(j).box();
                    assertThat(bi.fractionInside(bj)).as("face %d nested in face %d of %s", i, j, what).isLessThan(0.6);
                }
            }
        }
    }

    static List<Path> deepfacePhotos() throws IOException {
        Path dir = SharedData.file("data/faces/deepface");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> out = new ArrayList<>(files.filter(p -> p.getFileName().toString().matches("img\\d+\\.jpg"))
                    .filter(p -> !p.getFileName().toString().equals("img47.jpg")) // WebP inside; ImageIO cannot read it
                    .sorted().toList());
            return out;
        }
    }

    static BufferedImage crop(BufferedImage image, FaceBox box) {
        int x = (int) Math.max(0, Math.round(box.x()));
        int y = (int) Math.max(0, Math.round(box.y()));
        int w = (int) Math.min(image.getWidth() - x, Math.round(box.width()));
        int h = (int) Math.min(image.getHeight() - y, Math.round(box.height()));
        return image.getSubimage(x, y, w, h);
    }

    static FaceBox grow(FaceBox b, double factor, int maxW, int maxH) {
        double side = Math.max(b.width(), b.height()) * factor;
        double x = Math.max(0, b.centerX() - side / 2);
        double y = Math.max(0, b.centerY() - side / 2);
        return new FaceBox(x, y, Math.min(side, maxW - x), Math.min(side, maxH - y));
    }

    static BufferedImage scaledGray(BufferedImage src, int size) {
        BufferedImage gray = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, size, size, null);
        g.dispose();
        return gray;
    }
}
