package org.sadasya.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;

/** The card as drawn: Devanagari shaped by the vendored font, the PDF page equal to the PNG, a readable QR code. */
class CardRenderingTest {

    static final CardContent.Labels LABELS = new CardContent.Labels(
            new CardContent.Bilingual("सदस्यता कार्ड", "Membership card"), new CardContent.Bilingual("सदस्य संख्या", "Member id"),
            new CardContent.Bilingual("बूथ", "Booth"), new CardContent.Bilingual("फ़ोटो नहीं", "No photo"),
            new CardContent.Bilingual("जाँचने के लिए स्कैन करें", "Scan to verify"));

    static CardContent card(String nameHi, BufferedImage face) {
        return new CardContent(nameHi, "Kshitij Shrivastava", "MP-0000042", "B-017", "शिवाजी नगर", "Shivaji Nagar",
                face, "https://members.example.org/verify/eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJNUC0wMDAwMDQyIn0.c2ln", LABELS);
    }

    @Test
    void theCardFont_formsConjunctsAndReordersTheIMatra() {
        Font font = CardFonts.devanagari(40);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        String word = "क्षत्रिय"; // क ् ष त ् र ि य: two conjuncts (क्ष, त्र) and an i-matra
        assertThat(font.canDisplayUpTo(word)).as("the font has Devanagari").isEqualTo(-1);
        GlyphVector shaped = font.layoutGlyphVector(frc, word.toCharArray(), 0, word.length(), Font.LAYOUT_LEFT_TO_RIGHT);
        assertThat(shaped.getNumGlyphs()).as("conjuncts formed: fewer glyphs than characters").isLessThan(word.length());
        assertThat(shaped.getNumGlyphs()).isLessThanOrEqualTo(5);

        // कि is written ि then क: the matra's glyph comes first, and क's glyph is the same as alone
        int ka = font.layoutGlyphVector(frc, "क".toCharArray(), 0, 1, Font.LAYOUT_LEFT_TO_RIGHT).getGlyphCode(0);
        GlyphVector ki = font.layoutGlyphVector(frc, "कि".toCharArray(), 0, 2, Font.LAYOUT_LEFT_TO_RIGHT);
        assertThat(ki.getNumGlyphs()).isEqualTo(2);
        assertThat(ki.getGlyphCode(1)).isEqualTo(ka);
        assertThat(ki.getGlyphCode(0)).isNotEqualTo(ka);
        assertThat(ki.getGlyphPosition(0).getX()).isLessThan(ki.getGlyphPosition(1).getX());

        // unshaped (one glyph per character, in logical order) would put क first
        GlyphVector raw = font.createGlyphVector(frc, "कि");
        assertThat(raw.getGlyphCode(0)).isEqualTo(ka);
    }

    @Test
    void thePdfsPage_rasterisesToThePng_andAChangedCardDiffers() throws Exception {
        CardRenderer renderer = new CardRenderer();
        BufferedImage png = renderer.render(card("क्षितिज श्रीवास्तव", shadedPlaceholder()));
        BufferedImage changed = renderer.render(card("क्षितिज श्रीवास्तवा", shadedPlaceholder()));
        byte[] pdf = CardPdf.of(png, CardRenderer.DPI);

        BufferedImage page;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            float widthMm = doc.getPage(0).getMediaBox().getWidth() / 72f * 25.4f;
            assertThat(widthMm).as("ID-1 width").isBetween(85.4f, 85.8f);
            page = new PDFRenderer(doc).renderImageWithDPI(0, CardRenderer.DPI, ImageType.RGB);
        }
        assertThat(page.getWidth()).isBetween(png.getWidth() - 1, png.getWidth() + 1);
        assertThat(page.getHeight()).isBetween(png.getHeight() - 1, png.getHeight() + 1);
        double same = meanAbsoluteDifference(png, page);
        double differs = meanAbsoluteDifference(png, changed);
        assertThat(same).as("PDF page vs PNG, mean |Δ| per channel of 255").isLessThan(1.0);
        assertThat(differs).as("one letter more in the name").isGreaterThan(same + 0.01);
        assertThat(QrReading.text(page)).isEqualTo(card("", null).verifyUrl());
    }

    @Test
    void everyCardsQrCode_readsBack_whateverMaskTheWriterWouldPick() {
        // ZXing's reader fails on about 2 % of its writer's codes for such URLs, and on about one in a
        // thousand once the card's text is beside the code: the renderer tries the next mask for both
        CardTokens tokens = CardTokensTest.fresh();
        CardContent c = card("सुनीता देवी", null);
        CardRenderer renderer = new CardRenderer();
        for (int i = 0; i < 1000; i++) {
            String url = "http://127.0.0.1:4" + (1000 + i) + "/verify/" + tokens.issue("MP-" + (1000000 + i));
            BufferedImage img = renderer.render(new CardContent(c.nameHi(), c.name(), c.memberCode(), c.boothCode(),
                    c.boothNameHi(), c.boothName(), null, url, c.labels()));
            assertThat(QrReading.text(img)).as("card %d", i).isEqualTo(url);
        }
    }

    @Test
    void aCardWithoutAFace_drawsThePlaceholder_andItsQrCodeReads() {
        BufferedImage img = new CardRenderer().render(card("क्षितिज", null));
        assertThat(img.getWidth()).isEqualTo(CardRenderer.WIDTH);
        assertThat(QrReading.text(img)).isEqualTo(card("", null).verifyUrl());
    }

    @Test
    void theFaceCrop_isAPortraitAroundTheStoredBox_withinThePhoto() throws Exception {
        BufferedImage photo = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        var g = photo.createGraphics();
        g.setColor(java.awt.Color.BLUE);
        g.fillRect(0, 0, 400, 300);
        g.setColor(java.awt.Color.RED);
        g.fillRect(200, 120, 40, 60); // the "face": box (0.5, 0.4, 0.1, 0.2) of the photo
        g.dispose();
        var png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(photo, "png", png);

        BufferedImage crop = FaceCrop.of(png.toByteArray(), new org.sadasya.face.FaceBox(0.5, 0.4, 0.1, 0.2)).orElseThrow();
        assertThat(crop.getHeight()).isEqualTo((int) Math.round(60 * FaceCrop.HEAD_ROOM));
        assertThat((double) crop.getWidth() / crop.getHeight()).isCloseTo(FaceCrop.ASPECT, org.assertj.core.data.Offset.offset(0.02));
        assertThat(crop.getRGB(crop.getWidth() / 2, crop.getHeight() / 2) & 0xFFFFFF).as("the face in the middle").isEqualTo(0xFF0000);
        assertThat(crop.getRGB(0, 0) & 0xFFFFFF).as("room around it").isEqualTo(0x0000FF);

        BufferedImage corner = FaceCrop.of(png.toByteArray(), new org.sadasya.face.FaceBox(0.9, 0.0, 0.1, 0.3)).orElseThrow();
        assertThat(corner.getWidth()).isLessThanOrEqualTo(400);
        assertThat(FaceCrop.of("not an image".getBytes(), new org.sadasya.face.FaceBox(0, 0, 1, 1))).isEmpty();
    }

    /** A face-free shaded pattern standing in for a portrait (nothing anyone may not publish). */
    static BufferedImage shadedPlaceholder() {
        BufferedImage img = new BufferedImage(240, 300, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                double d = Math.hypot(x - 120, (y - 130) * 0.8) / 150;
                int v = (int) Math.max(60, 230 - 150 * d);
                img.setRGB(x, y, (v << 16) | ((v * 9 / 10) << 8) | (v * 8 / 10));
            }
        }
        return img;
    }

    static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        int w = Math.min(a.getWidth(), b.getWidth());
        int h = Math.min(a.getHeight(), b.getHeight());
        long sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return sum / (3.0 * w * h);
    }
}
