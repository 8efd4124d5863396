package org.sadasya.card;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The card's typeface: Lohit Devanagari (SIL Open Font License 1.1, licence beside the font file),
 * vendored rather than taken from the machine, so that every server draws the same card and none
 * draws boxes for want of a Devanagari font. It has the OpenType shaping tables (conjuncts, matra
 * reordering and positioning) that Java2D's HarfBuzz layout applies, and Latin letters too.
 */
public final class CardFonts {

    public static final String RESOURCE = "/org/sadasya/card/Lohit-Devanagari.ttf";
    private static final Font BASE = load();

    private CardFonts() {}

    public static Font devanagari(float size) {
        return BASE.deriveFont(size);
    }

    private static Font load() {
        try (InputStream in = CardFonts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the card font " + RESOURCE + " is missing from the jar");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("the card font " + RESOURCE + " does not load", e);
        }
    }
}
