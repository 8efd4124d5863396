package org.sadasya.card;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.util.Map;

/** QR codes by ZXing, drawn with whole-pixel modules (a scaled, blurred module scans worse). */
public final class QrCodes {

    private QrCodes() {}

    /**
     * The largest QR code of {@code text} that fits in {@code maxSide} pixels, with the standard
     * quiet zone of 4 modules. Level M (15 % of the code may be damaged) suits a printed card that
     * gets folded and scratched, and keeps a 250-character URL at version 10 or below.
     */
    public static BufferedImage of(String text, int maxSide) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + text.length() + " characters", e);
        }
        int module = Math.max(1, maxSide / m.getWidth());
        int side = m.getWidth() * module;
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.setRGB(x, y, m.get(x / module, y / module) ? 0x000000 : 0xFFFFFF);
            }
        }
        return img;
    }
}
