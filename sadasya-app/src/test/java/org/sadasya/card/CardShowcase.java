package org.sadasya.card;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The card for the README ({@code docs/screenshots/card.png}), on demand:
 * {@code mvn -pl sadasya-app -am test -Dtest=CardShowcase -Dsurefire.failIfNoSpecifiedTests=false}
 * (not part of {@code mvn verify}: the name does not end in Test). No photo of ../shared/data may be
 * published, so the portrait is a face-free shaded pattern; the QR code holds a real token.
 */
class CardShowcase {

    @Test
    void writeTheCard() throws Exception {
        CardTokens tokens = CardTokensTest.fresh();
        CardContent c = CardRenderingTest.card("क्षितिज श्रीवास्तव", CardRenderingTest.shadedPlaceholder());
        CardContent real = new CardContent(c.nameHi(), c.name(), c.memberCode(), c.boothCode(), c.boothNameHi(),
                c.boothName(), c.face(), "https://members.example.org/verify/" + tokens.issue(c.memberCode()), c.labels());
        Path out = Path.of(System.getProperty("sadasya.screenshots", "../docs/screenshots")).resolve("card.png");
        Files.createDirectories(out.getParent());
        Files.write(out, CardController.png(new CardRenderer().render(real)));
        System.out.println("wrote " + out.toAbsolutePath().normalize());
    }
}
