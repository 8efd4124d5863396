package org.sadasya.card;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A one-page PDF of the card at its printed size, holding the rendered card as a lossless image:
 * PDFBox does not apply OpenType shaping, so text written with it would break Devanagari.
 */
public final class CardPdf {

    private CardPdf() {}

    public static byte[] of(BufferedImage card, int dpi) {
        float w = card.getWidth() * 72f / dpi;
        float h = card.getHeight() * 72f / dpi;
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(new PDRectangle(w, h));
            doc.addPage(page);
            PDImageXObject image = LosslessFactory.createFromImage(doc, card);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawImage(image, 0, 0, w, h);
            }
            doc.getDocumentInformation().setTitle("Membership card");
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the card PDF", e);
        }
    }
}
