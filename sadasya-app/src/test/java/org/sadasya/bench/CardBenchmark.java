package org.sadasya.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.sadasya.card.CardContent;
import org.sadasya.card.CardPdf;
import org.sadasya.card.CardRenderer;
import org.sadasya.card.FaceCrop;
import org.sadasya.face.FaceBox;

/**
 * What making one card costs on the server, step by step, from a phone-sized selfie (a synthetic
 * 3000 × 4000 JPEG, decoded in memory as the endpoint does after decrypting): face crop (decode +
 * cut), Java2D card, PNG encoding, PDF. One JSON line; times are printed, never asserted. Not part of
 * {@code mvn verify}; run with
 * {@code mvn -pl sadasya-app -am test -Dtest=CardBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.samples=30}.
 */
class CardBenchmark {

    static final int SAMPLES = Integer.getInteger("bench.samples", 30);
    static final int WARMUP = 5;

    @Test
    void makeCards() throws Exception {
        byte[] selfie = jpeg(3000, 4000);
        FaceBox face = new FaceBox(0.55, 0.30, 0.20, 0.15);
        CardContent.Bilingual b = new CardContent.Bilingual("सदस्य", "Member");
        CardContent.Labels labels = new CardContent.Labels(b, b, b, b, b);
        CardRenderer renderer = new CardRenderer();
        double[][] ms = new double[4][SAMPLES];
        for (int i = -WARMUP; i < SAMPLES; i++) {
            long t0 = System.nanoTime();
            BufferedImage crop = FaceCrop.of(selfie, face).orElseThrow();
            long t1 = System.nanoTime();
            BufferedImage card = renderer.render(new CardContent("क्षितिज श्रीवास्तव", "Kshitij Shrivastava", "MP-0000042",
                    "B-017", "शिवाजी नगर", "Shivaji Nagar", crop, "https://members.example.org/verify/" + "x".repeat(200),
                    labels));
            long t2 = System.nanoTime();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(card, "png", png);
            long t3 = System.nanoTime();
            CardPdf.of(card, CardRenderer.DPI);
            long t4 = System.nanoTime();
            if (i >= 0) {
                ms[0][i] = (t1 - t0) / 1e6;
                ms[1][i] = (t2 - t1) / 1e6;
                ms[2][i] = (t3 - t2) / 1e6;
                ms[3][i] = (t4 - t3) / 1e6;
            }
        }
        String[] names = {"cropMs", "renderMs", "pngMs", "pdfMs"};
        StringBuilder line = new StringBuilder("{\"samples\":" + SAMPLES + ",\"selfie\":\"3000x4000 jpeg\"");
        for (int k = 0; k < names.length; k++) {
            double[] s = ms[k].clone();
            Arrays.sort(s);
            line.append(String.format(Locale.ROOT, ",\"%s\":{\"p50\":%.1f,\"p90\":%.1f}", names[k], s[SAMPLES / 2],
                    s[(int) Math.ceil(SAMPLES * 0.9) - 1]));
        }
        System.out.println(line.append('}'));
    }

    private static byte[] jpeg(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        SplittableRandom r = new SplittableRandom(3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (x * 255 / w + y * 255 / h) / 2 + r.nextInt(24);
                img.setRGB(x, y, (Math.min(255, v) << 16) | (v / 2 << 8) | (255 - Math.min(255, v)));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }
}
