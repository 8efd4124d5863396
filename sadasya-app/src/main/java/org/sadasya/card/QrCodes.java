package org.sadasya.card;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/**
 * QR codes by ZXing, drawn with whole-pixel modules (a scaled, blurred module scans worse), and
 * read back before they are used: ZXing's own reader fails on about 2 % of the codes its writer
 * makes for card URLs (2 of 100 at level M, measured for any module size), depending on the mask
 * the writer picked. A code that does not read back is made again with the next mask.
 */
public final class QrCodes {

    private QrCodes() {}

    /**
     * The largest QR code of {@code text} that fits in {@code maxSide} pixels, with the standard
     * quiet zone of 4 modules. Level M (15 % of the code may be damaged) suits a printed card that
     * gets folded and scratched, and keeps a 230-character URL at version 13 or below. No character
     * set hint: the URL is ASCII, and an ECI header made more codes unreadable to ZXing.
     */
    public static BufferedImage of(String text, int maxSide) {
        return of(text, maxSide, img -> true);
    }

    /** As {@link #of(String, int)}, taking the first code that also passes {@code alsoReads} (e.g. placed on a card). */
    public static BufferedImage of(String text, int maxSide, java.util.function.Predicate<BufferedImage> alsoReads) {
        for (int mask = -1; mask < 8; mask++) { // -1: the writer's own choice, then each mask in turn
            BufferedImage img = draw(encode(text, mask), maxSide);
            if (text.equals(read(img)) && alsoReads.test(img)) {
                return img;
            }
        }
        throw new IllegalStateException("no QR mask gives a code that reads back for " + text.length() + " characters");
    }

    private static BitMatrix encode(String text, int mask) {
        Map<EncodeHintType, Object> hints = new HashMap<>();
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 4);
        if (mask >= 0) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + text.length() + " characters", e);
        }
    }

    private static BufferedImage draw(BitMatrix m, int maxSide) {
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

    /** The text of the QR code in {@code img}, or null when ZXing finds none that reads. */
    static String read(BufferedImage img) {
        int[] rgb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), rgb)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (ReaderException e) {
            return null;
        }
    }
}
