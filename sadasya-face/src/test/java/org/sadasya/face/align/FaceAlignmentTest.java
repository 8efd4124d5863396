package org.sadasya.face.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sadasya.face.FaceBox;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceMesh;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.detect.Pixels;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.testsupport.SharedData;

/**
 * Alignment on real photos, checked by facemesh itself: the five points found again on the aligned
 * 112 × 112 face must sit on the template, for the photo as taken and turned by 25 degrees.
 */
class FaceAlignmentTest {
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
    void theFivePointsFoundAgainOnTheAlignedFace_sitOnTheTemplate_alsoWhenThePhotoIsTurned() throws Exception {
        RgbImage photo = engine.intake().decode(SharedData.file("data/faces/deepface/img1.jpg")).image();
        for (double degrees : new double[] {0, 25}) {
            RgbImage image = degrees == 0 ? photo : rotated(photo, degrees);
            FaceObservation face = largest(image);
            SimilarityTransform t = FaceAlignment.toTemplate(FaceAlignment.fivePoints(face.mesh()), 112);
            float[] aligned = FaceAlignment.warp(Pixels.of(image), t, 112);

            // where the transform sends the photo's five points: the warp must put the face there
            double[] moved = FaceAlignment.fivePoints(face.mesh());
            for (int i = 0; i < moved.length; i += 2) {
                double[] p = t.apply(moved[i], moved[i + 1]);
                moved[i] = p[0];
                moved[i + 1] = p[1];
            }
            double[] found = refound(aligned);
            System.out.printf("alignment at %s degrees: re-found vs moved %.2f px, moved vs template %.2f px%n",
                    degrees, meanDistance(found, moved), meanDistance(moved, FaceAlignment.TEMPLATE));
            assertThat(meanDistance(found, moved)).as("facemesh finds the points where the warp put them, px of 112").isLessThan(4);
            assertThat(meanDistance(moved, FaceAlignment.TEMPLATE)).as("the fit's residual, px of 112").isLessThan(6);
            // the rotation is undone: the eyes are level on the aligned face
            assertThat(Math.abs(Math.toDegrees(Math.atan2(t.b(), t.a())) + degrees)).as("rotation undone").isLessThan(6);
        }
    }

    @Test
    void warp_averagesWhenShrinking_soAFineStripePatternComesOutGreyNotAliased() {
        int side = 448;
        float[] stripes = new float[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float v = x % 2 == 0 ? 255 : 0;
                for (int c = 0; c < 3; c++) {
                    stripes[(y * side + x) * 3 + c] = v;
                }
            }
        }
        SimilarityTransform quarter = new SimilarityTransform(0.25, 0, 0, 0); // 448 px → 112 px
        float[] out = FaceAlignment.warp(Pixels.of(stripes, side, side), quarter, 112);
        for (int y = 2; y < 110; y++) {
            for (int x = 2; x < 110; x++) {
                assertThat(out[(y * 112 + x) * 3]).isBetween(100f, 155f);
            }
        }
    }

    /** facemesh's five points found again on the aligned face. */
    private static double[] refound(float[] aligned112) {
        byte[] rgb = new byte[aligned112.length];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) Math.max(0, Math.min(255, Math.round(aligned112[i])));
        }
        RgbImage face = new RgbImage(112, 112, rgb);
        // the template face fills about 70 % of the square: give facemesh the margin it expects
        FaceMesh mesh = engine.mesh(face, FaceBox.ofCorners(-14, -10, 126, 130));
        return FaceAlignment.fivePoints(mesh.points());
    }

    private static double meanDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i += 2) {
            sum += Math.hypot(a[i] - b[i], a[i + 1] - b[i + 1]);
        }
        return sum / (a.length / 2.0);
    }

    private static FaceObservation largest(RgbImage image) {
        return engine.faces(image).stream()
                .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height())).orElseThrow();
    }

    private static RgbImage rotated(RgbImage image, double degrees) {
        BufferedImage src = image.toBufferedImage();
        BufferedImage dst = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(degrees), src.getWidth() / 2.0, src.getHeight() / 2.0);
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return RgbImage.of(dst);
    }
}
