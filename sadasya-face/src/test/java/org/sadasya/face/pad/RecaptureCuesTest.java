package org.sadasya.face.pad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.sadasya.face.FaceBox;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.testsupport.SharedData;

/** The hand-made recapture cues fire on what they are meant to see, and not on ordinary pictures. */
class RecaptureCuesTest {

    static RgbImage photo() throws IOException {
        return SyntheticScenes.resized(SyntheticScenes.read(SharedData.file("data/faces/deepface/img1.jpg")), 200, 240);
    }

    static RgbImage withGrating(RgbImage img, double periodPx, double angle, double amplitude) {
        byte[] out = img.rgb().clone();
        double kx = Math.cos(angle) * 2 * Math.PI / periodPx, ky = Math.sin(angle) * 2 * Math.PI / periodPx;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                double d = amplitude * Math.sin(kx * x + ky * y);
                for (int c = 0; c < 3; c++) {
                    int i = (y * img.width() + x) * 3 + c;
                    out[i] = (byte) Math.max(0, Math.min(255, Math.round((out[i] & 0xff) + d)));
                }
            }
        }
        return new RgbImage(img.width(), img.height(), out);
    }

    static FaceBox all(RgbImage img) {
        return new FaceBox(0, 0, img.width(), img.height());
    }

    @Test
    void moire_firesOnAPeriodicScreenPattern_notOnThePlainPhoto() throws IOException {
        RgbImage plain = photo();
        RgbImage screen = withGrating(plain, 3.3, 0.4, 12);

        double plainPeak = RecaptureCues.of(plain, all(plain)).moirePeak();
        double screenPeak = RecaptureCues.of(screen, all(screen)).moirePeak();

        assertThat(screenPeak).isGreaterThan(plainPeak + 3);
        assertThat(RecaptureCues.of(screen, all(screen)).highFreqEnergy())
                .isGreaterThan(RecaptureCues.of(plain, all(plain)).highFreqEnergy());
    }

    @Test
    void moire_isLowOnASmoothGradient() {
        int w = 128, h = 128;
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    px[(y * w + x) * 3 + c] = (byte) (60 + x + y / 2);
                }
            }
        }
        RgbImage smooth = new RgbImage(w, h, px);
        RgbImage grating = withGrating(smooth, 4, 0, 20);

        assertThat(RecaptureCues.of(grating, all(grating)).moirePeak())
                .isGreaterThan(RecaptureCues.of(smooth, all(smooth)).moirePeak() + 5);
    }

    @Test
    void border_findsTheEdgeOfAPrintAroundAFace() throws IOException {
        RgbImage face = photo();
        int w = 400, h = 400;
        byte[] px = new byte[w * h * 3];
        java.util.Arrays.fill(px, (byte) 40);
        for (int y = 0; y < face.height(); y++) {
            for (int x = 0; x < face.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    px[((y + 80) * w + x + 100) * 3 + c] = (byte) Math.max(120, face.channel(x, y, c));
                }
            }
        }
        RgbImage printOnDark = new RgbImage(w, h, px);

        double withEdges = RecaptureCues.of(printOnDark, all(printOnDark)).borderLine();
        double faceOnly = RecaptureCues.of(face, new FaceBox(30, 40, 140, 160)).borderLine();

        assertThat(withEdges).isGreaterThan(0.35);
        assertThat(faceOnly).isLessThan(withEdges);
    }

    @Test
    void glareAndSharpness_respondToWhiteBlobsAndBlur() throws IOException {
        RgbImage plain = photo();
        byte[] glare = plain.rgb().clone();
        for (int y = 60; y < 120; y++) {
            for (int x = 60; x < 140; x++) {
                for (int c = 0; c < 3; c++) {
                    glare[(y * plain.width() + x) * 3 + c] = (byte) 252;
                }
            }
        }
        RgbImage glared = new RgbImage(plain.width(), plain.height(), glare);
        RgbImage blurred = SyntheticScenes.resized(SyntheticScenes.resized(plain, 50, 60), 200, 240);

        RecaptureCues base = RecaptureCues.of(plain, all(plain));
        assertThat(RecaptureCues.of(glared, all(glared)).glare()).isGreaterThan(base.glare() + 0.05);
        assertThat(RecaptureCues.of(blurred, all(blurred)).sharpness()).isLessThan(base.sharpness() - 1);
    }

    @Test
    void colourTexture_isSixNormalisedUniformLbpHistograms() throws IOException {
        RgbImage plain = photo();
        double[] f = ColourTextureFeatures.of(plain, new FaceBox(20, 20, 150, 180));

        assertThat(f).hasSize(354);
        for (int c = 0; c < 6; c++) {
            double sum = 0;
            for (int b = 0; b < 59; b++) {
                sum += f[c * 59 + b];
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        }
        // a flat patch is one uniform pattern (all neighbours >= centre: code 255)
        byte[] flat = new byte[64 * 64 * 3];
        java.util.Arrays.fill(flat, (byte) 128);
        double[] g = ColourTextureFeatures.of(new RgbImage(64, 64, flat), new FaceBox(0, 0, 64, 64));
        assertThat(g[ColourTextureFeatures.uniformMapping()[255]]).isEqualTo(1.0);
    }
}
