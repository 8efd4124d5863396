package org.sadasya.card;

import java.awt.image.BufferedImage;

/**
 * Everything printed on one card.
 *
 * @param face      the member's portrait, or null when none was recorded (a shaded placeholder is drawn)
 * @param verifyUrl what the QR code carries: {@code <base URL>/verify/<token>}
 * @param labels    the card's own words, Hindi and English
 */
public record CardContent(String nameHi, String name, String memberCode, String boothCode, String boothNameHi,
        String boothName, BufferedImage face, String verifyUrl, Labels labels) {

    /** Each label in Hindi and in English; both are printed. */
    public record Labels(Bilingual title, Bilingual memberId, Bilingual booth, Bilingual noPhoto, Bilingual scan) {}

    public record Bilingual(String hi, String en) {}
}
