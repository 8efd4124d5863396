package org.sadasya.card;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * Reads the QR code on a card with ZXing, the library that drew it, framed as a phone's scanner
 * frames it: the code and its white margin, not the whole card (a blocky test portrait beside it can
 * pass for a finder pattern).
 */
public final class QrReading {
    private QrReading() {}

    public static String text(BufferedImage card) {
        var a = CardRenderer.QR_AREA;
        BufferedImage img = card.getSubimage(a.x, a.y, Math.min(a.width, card.getWidth() - a.x),
                Math.min(a.height, card.getHeight() - a.y));
        int[] rgb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), rgb)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
            throw new AssertionError("no readable QR code on the card", e);
        }
    }
}
