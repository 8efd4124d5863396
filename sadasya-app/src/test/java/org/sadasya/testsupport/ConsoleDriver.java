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

/** The district console driven in headless Chromium: open, log in, wait for screens, read the queue, walk the texts. */
public final class ConsoleDriver {

    public final ChromeDriver driver;
    public final WebDriverWait wait;
    private final int port;
    private final Api anonymous;

    public ConsoleDriver(ChromeDriver driver, int port, Api anonymous) {
        this.driver = driver;
        this.port = port;
        this.anonymous = anonymous;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(50));
    }

    public void openAndLogIn(String username, String password) {
        driver.get("http://127.0.0.1:" + port + "/console/");
        wait.withMessage("the console did not start")
                .until(d -> Boolean.TRUE.equals(js("return document.body.dataset.ready === 'true'")));
        shown("login-username");
        el("login-username").sendKeys(username);
        el("login-password").sendKeys(password);
        el("login-submit").click();
        shown("review-queue");
    }

    public Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    public WebElement el(String id) {
        return driver.findElement(By.id(id));
    }

    public void shown(String id) {
        wait.withMessage(id + " shown").until(d -> el(id).isDisplayed());
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

    /** Waits until the queue lists exactly {@code ids}, in that order. */
    public void awaitQueue(String... ids) {
        wait.withMessage("the queue lists " + List.of(ids)).until(d -> queue().equals(List.of(ids)));
    }

    /** Clicks a queue item and waits until its case is open. */
    public void openItem(String submissionId) {
        driver.findElement(By.cssSelector("#review-queue li[data-submission-id='" + submissionId + "']")).click();
        wait.withMessage(submissionId + " opened").until(d -> submissionId.equals(js("return document.body.dataset.opened || null")));
    }

    public Map<String, String> catalogue(String lang) {
        JsonNode messages = anonymous.get("/console/i18n/" + lang + ".json").json().get("messages");
        Map<String, String> out = new HashMap<>();
        messages.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** The rendered-DOM text walk in the page's language, then in the other one (and back). */
    public void textsInBothLanguages(Set<String> userData) {
        for (int i = 0; i < 2; i++) {
            Set<String> allowed = new HashSet<>(catalogue(PageTexts.language(driver)).values());
            allowed.addAll(userData);
            assertThat(PageTexts.strangers(PageTexts.visible(driver), allowed))
                    .as("visible texts in '%s' that are no catalogue value, user data or digits", PageTexts.language(driver))
                    .isEmpty();
            PageTexts.switchLanguage(driver, wait);
        }
    }
}
