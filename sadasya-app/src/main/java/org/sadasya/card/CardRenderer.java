package org.sadasya.card;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws a card with Java2D. Java2D lays text out with HarfBuzz, which applies the font's OpenType
 * tables: Devanagari conjuncts form, the i-matra moves before its consonant, marks sit where the
 * font puts them. (PDF libraries that write glyphs without those tables break Devanagari, so the
 * PDF carries this image: {@link CardPdf}.)
 *
 * <p>The card is ID-1 (ISO/IEC 7810, 85.60 × 53.98 mm, a bank card) at 300 dpi.
 */
public final class CardRenderer {

    public static final int WIDTH = 1011;
    public static final int HEIGHT = 638;
    public static final int DPI = 300;

    private static final Color BAND = new Color(0x0B5563);
    private static final Color INK = new Color(0x1A1A1A);
    private static final Color MUTED = new Color(0x5A6470);
    private static final Color FRAME = new Color(0xC8CED4);
    private static final int MARGIN = 40;
    private static final int BAND_HEIGHT = 104;
    private static final int FACE_W = 232;
    private static final int FACE_H = 290;
    private static final int QR_SIDE = 330;
    private static final int TEXT_X = MARGIN + FACE_W + 32;
    /** Where the QR code is on the card, with a margin of white around it: what a scanner frames. */
    public static final java.awt.Rectangle QR_AREA =
            new java.awt.Rectangle(WIDTH - MARGIN - QR_SIDE - 16, BAND_HEIGHT, QR_SIDE + 32, QR_SIDE + 32);
    /** Where the member's portrait is on the card. */
    public static final java.awt.Rectangle PORTRAIT = new java.awt.Rectangle(MARGIN, BAND_HEIGHT + 36, FACE_W, FACE_H);

    /**
     * The card. Its QR code must read back as a scanner frames it ({@link #QR_AREA}), not only on its
     * own: about one card in a thousand read alone but not beside the card's text, so such a card is
     * drawn again with the code's next mask.
     */
    public BufferedImage render(CardContent c) {
        BufferedImage[] card = new BufferedImage[1];
        QrCodes.of(c.verifyUrl(), QR_SIDE, qr -> {
            card[0] = draw(c, qr);
            var a = QR_AREA;
            return c.verifyUrl().equals(QrCodes.read(card[0].getSubimage(a.x, a.y,
                    Math.min(a.width, WIDTH - a.x), Math.min(a.height, HEIGHT - a.y))));
        });
        return card[0];
    }

    private BufferedImage draw(CardContent c, BufferedImage qrCode) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            header(g, c.labels().title());
            face(g, c.face(), c.labels().noPhoto());
            details(g, c);
            qr(g, qrCode, c.labels().scan());
            g.setColor(BAND);
            g.fillRect(0, HEIGHT - 14, WIDTH, 14);
        } finally {
            g.dispose();
        }
        return img;
    }

    private void header(Graphics2D g, CardContent.Bilingual title) {
        g.setColor(BAND);
        g.fillRect(0, 0, WIDTH, BAND_HEIGHT);
        g.setColor(Color.WHITE);
        float x = text(g, title.hi(), 44, MARGIN, 68, WIDTH);
        text(g, title.en(), 28, x + 24, 66, WIDTH);
    }

    private void face(Graphics2D g, BufferedImage face, CardContent.Bilingual noPhoto) {
        int y = PORTRAIT.y;
        var frame = new RoundRectangle2D.Double(MARGIN, y, FACE_W, FACE_H, 16, 16);
        if (face != null) {
            var clip = g.getClip();
            g.clip(frame);
            // cover the frame, keeping the portrait's proportions
            double scale = Math.max((double) FACE_W / face.getWidth(), (double) FACE_H / face.getHeight());
            int w = (int) Math.round(face.getWidth() * scale);
            int h = (int) Math.round(face.getHeight() * scale);
            g.drawImage(face, MARGIN + (FACE_W - w) / 2, y + (FACE_H - h) / 2, w, h, null);
            g.setClip(clip);
        } else {
            g.setPaint(new GradientPaint(MARGIN, y, new Color(0xE4E8EC), MARGIN + FACE_W, y + FACE_H, new Color(0xC4CCD4)));
            g.fill(frame);
            g.setColor(MUTED);
            text(g, noPhoto.hi(), 26, MARGIN + 24, y + FACE_H / 2f - 6, MARGIN + FACE_W - 12);
            text(g, noPhoto.en(), 22, MARGIN + 24, y + FACE_H / 2f + 28, MARGIN + FACE_W - 12);
        }
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(2));
        g.draw(frame);
    }

    private void details(Graphics2D g, CardContent c) {
        int right = WIDTH - MARGIN - QR_SIDE - 24;
        float y = BAND_HEIGHT + 76;
        g.setColor(INK);
        if (c.nameHi() != null && !c.nameHi().isBlank()) {
            text(g, c.nameHi(), 46, TEXT_X, y, right);
            y += 50;
        }
        text(g, c.name(), 34, TEXT_X, y, right);
        y += 66;
        label(g, c.labels().memberId(), TEXT_X, y, right);
        g.setColor(INK);
        text(g, c.memberCode(), 36, TEXT_X, y + 42, right);
        y += 106;
        label(g, c.labels().booth(), TEXT_X, y, right);
        g.setColor(INK);
        String hi = c.boothNameHi() == null || c.boothNameHi().isBlank() ? "" : " · " + c.boothNameHi();
        text(g, c.boothCode() + hi, 28, TEXT_X, y + 38, right);
        text(g, c.boothName(), 26, TEXT_X, y + 74, right);
    }

    private void label(Graphics2D g, CardContent.Bilingual l, float x, float y, int right) {
        g.setColor(MUTED);
        text(g, l.hi() + " / " + l.en(), 22, x, y, right);
    }

    private void qr(Graphics2D g, BufferedImage qr, CardContent.Bilingual scan) {
        int left = WIDTH - MARGIN - QR_SIDE;
        int x = left + (QR_SIDE - qr.getWidth()) / 2;
        int y = BAND_HEIGHT + 16;
        g.drawImage(qr, x, y, null);
        g.setColor(MUTED);
        text(g, scan.hi(), 22, x + 16, y + qr.getHeight() + 22, WIDTH - 8);
        text(g, scan.en(), 18, x + 16, y + qr.getHeight() + 48, WIDTH - 8);
    }

    /**
     * Draws one line at the baseline {@code y}, shrinking the size until it fits before {@code right};
     * returns where the line ends.
     */
    static float text(Graphics2D g, String s, float size, float x, float y, float right) {
        if (s == null || s.isEmpty()) {
            return x;
        }
        FontRenderContext frc = g.getFontRenderContext();
        TextLayout layout = new TextLayout(s, font(s, size), frc);
        for (float sz = size; layout.getAdvance() > right - x && sz > 12; sz -= 2) {
            layout = new TextLayout(s, font(s, sz - 2), frc);
        }
        layout.draw(g, x, y);
        return x + layout.getAdvance();
    }

    /** The card font, or the JDK's sans serif for a name in a script the card font lacks. */
    private static Font font(String s, float size) {
        Font f = CardFonts.devanagari(size);
        return f.canDisplayUpTo(s) < 0 ? f : new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(size));
    }
}
