package org.sadasya.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The district console in a headless Chromium, for browser tests of its screens: open, log in,
 * wait for elements, and the rendered-DOM text walk ({@link PageTexts}) in both languages.
 */
public final class ConsolePage {

    public final ChromeDriver driver;
    public final WebDriverWait wait;
    private final Api anonymous;
    private final int port;

    public ConsolePage(ChromeDriver driver, Api anonymous, int port) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(50));
        this.anonymous = anonymous;
        this.port = port;
    }

    public ConsolePage openAndLogIn(String username, String password) {
        driver.get("http://127.0.0.1:" + port + "/console/");
        wait.withMessage("the console did not start")
                .until(d -> Boolean.TRUE.equals(js("return document.body.dataset.ready === 'true'")));
        awaitShown("login-username");
        el("login-username").sendKeys(username);
        el("login-password").sendKeys(password);
        el("login-submit").click();
        awaitShown("screen-queue"); // the list itself has no size while the queue is empty
        return this;
    }

    public Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    public WebElement el(String id) {
        return driver.findElement(By.id(id));
    }

    public void awaitShown(String id) {
        wait.withMessage(id + " shown").until(d -> el(id).isDisplayed());
    }

    /** Waits until {@code script} returns true. */
    public void awaitTrue(String what, String script, Object... args) {
        wait.withMessage(what).until(d -> Boolean.TRUE.equals(js(script, args)));
    }

    /** Sets an input's or select's value as a person would and lets the page react. */
    public void choose(String id, String value) {
        js("const el = document.getElementById(arguments[0]); el.value = arguments[1];"
                + " el.dispatchEvent(new Event('change', { bubbles: true }))", id, value);
    }

    @SuppressWarnings("unchecked")
    public List<String> queue() {
        return (List<String>) js("return [...document.querySelectorAll('#review-queue > li')].map(li => li.dataset.submissionId)");
    }

    /**
     * Waits until the queue has drawn the answer to its latest request and lists exactly
     * {@code ids}, in that order (a list still showing an earlier filter does not count).
     */
    public void awaitQueue(String... ids) {
        wait.withMessage("the queue lists " + List.of(ids)).until(d -> !queueBusy() && queue().equals(List.of(ids)));
    }

    private boolean queueBusy() {
        return Boolean.TRUE.equals(js("return document.getElementById('review-queue').getAttribute('aria-busy') === 'true'"));
    }

    /** Clicks a queue item and waits until its case is open. */
    public void openItem(String submissionId) {
        driver.findElement(By.cssSelector("#review-queue li[data-submission-id='" + submissionId + "']")).click();
        wait.withMessage(submissionId + " opened").until(d -> submissionId.equals(js("return document.body.dataset.opened || null")));
    }

    public String language() {
        return PageTexts.language(driver);
    }

    public Map<String, String> catalogue(String lang) {
        JsonNode messages = anonymous.get("/console/i18n/" + lang + ".json").json().get("messages");
        Map<String, String> out = new HashMap<>();
        messages.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * In the page's language and then in the other: {@code prepare} (e.g. open a drill-down again
     * after the switch redrew the screen), then every visible text must be a catalogue value of that
     * language, {@code userData} or digits.
     */
    public void inBothLanguages(Set<String> userData) {
        inBothLanguages(userData, () -> {});
    }

    public void inBothLanguages(Set<String> userData, Runnable prepare) {
        for (int i = 0; i < 2; i++) {
            prepare.run();
            Set<String> allowed = new HashSet<>(catalogue(language()).values());
            allowed.addAll(userData);
            assertThat(PageTexts.strangers(PageTexts.visible(driver), allowed))
                    .as("visible texts in '%s' that are no catalogue value, user data or digits", language()).isEmpty();
            PageTexts.switchLanguage(driver, wait);
        }
    }
}
