package org.sadasya.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The rendered-DOM text walk of the page tests: every text a person can see must be a catalogue
 * value of the page's language, user data or digits, so a hard-coded text fails in either language.
 */
public final class PageTexts {

    /** Every text a person can see: rendered text nodes (options of a shown select), title and labelling attributes. */
    private static final String VISIBLE_TEXTS = """
            const shown = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
            const out = [document.title];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const text = n.nodeValue.trim();
              let el = n.parentElement;
              if (!text || el.closest('script, style')) continue;
              if (el.tagName === 'OPTION') el = el.closest('select');
              if (shown(el)) out.push(text);
            }
            for (const el of document.body.querySelectorAll('[placeholder], [aria-label], [title], [alt]')) {
              if (!shown(el)) continue;
              for (const a of ['placeholder', 'aria-label', 'title', 'alt']) {
                const v = (el.getAttribute(a) || '').trim();
                if (v) out.push(v);
              }
            }
            return out;
            """;

    private PageTexts() {}

    @SuppressWarnings("unchecked")
    public static List<String> visible(ChromeDriver driver) {
        return (List<String>) driver.executeScript(VISIBLE_TEXTS);
    }

    /** The texts among {@code texts} that are neither {@code allowed} nor digits and punctuation. */
    public static List<String> strangers(List<String> texts, Set<String> allowed) {
        List<String> out = new ArrayList<>();
        for (String text : texts) {
            if (!allowed.contains(text) && !text.matches("[\\d\\s.,:+\\-/]*")) {
                out.add(text);
            }
        }
        return out;
    }

    /** The page's language ({@code <html lang>}). */
    public static String language(ChromeDriver driver) {
        return (String) driver.executeScript("return document.documentElement.lang");
    }

    /** Presses the page's {@code lang-toggle} and waits until the page speaks the other language. */
    public static void switchLanguage(ChromeDriver driver, org.openqa.selenium.support.ui.WebDriverWait wait) {
        String before = language(driver);
        driver.findElement(org.openqa.selenium.By.id("lang-toggle")).click();
        wait.until(d -> !before.equals(language(driver)));
    }
}
