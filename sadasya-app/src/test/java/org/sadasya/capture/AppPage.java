package org.sadasya.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sadasya.testsupport.PageTexts;

/** The capture app in the browser, as a worker uses it, by the element ids of the acceptance contract. */
final class AppPage {

    /** What one enrolment's form is filled with. */
    record Member(String name, String mobile, String epic, int age, String gender) {}

    /** One row of the home list. */
    record Row(String submissionId, String status, String text) {}

    /** The app's IndexedDB factory, as store.js opens it: its own storage bucket where the browser has them. */
    static final String APP_STORAGE = """
            const appStorage = async () => navigator.storageBuckets
              ? (await navigator.storageBuckets.open('sadasya')).indexedDB : indexedDB;
            """;

    private static final String READ_OUTBOX = APP_STORAGE + """
            const done = arguments[arguments.length - 1];
            appStorage().then((idb) => {
            const req = idb.open('sadasya');
            req.onerror = () => done(null);
            req.onsuccess = () => {
              const db = req.result;
              const all = db.transaction('outbox').objectStore('outbox').getAll();
              all.onsuccess = async () => {
                const out = [];
                for (const e of all.result) {
                  const frame = await createImageBitmap(e.burst[0]);
                  out.push({ submissionId: e.submissionId, status: e.status, dataJson: e.dataJson,
                    burstFrames: e.burst.length, burstWidth: frame.width, burstHeight: frame.height,
                    photoType: e.photo.type, photoBytes: e.photo.size });
                }
                db.close();
                done(out);
              };
            };
            });
            """;

    private static final String COUNT_TICKETS = APP_STORAGE + """
            const done = arguments[arguments.length - 1];
            appStorage().then((idb) => {
              const req = idb.open('sadasya');
              req.onerror = () => done(-1);
              req.onsuccess = () => {
                const db = req.result;
                const n = db.transaction('tickets').objectStore('tickets').count();
                n.onsuccess = () => { db.close(); done(n.result); };
              };
            });
            """;

    final ChromeDriver driver;
    final String base;
    private final WebDriverWait wait;

    AppPage(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(50));
    }

    void open() {
        driver.get(base + "/app/");
        awaitReady();
    }

    void reload() {
        driver.navigate().refresh();
        awaitReady();
    }

    void awaitReady() {
        wait.withMessage(() -> "the app did not start: " + diagnostics())
                .until(d -> Boolean.TRUE.equals(js("return document.body && document.body.dataset.ready === 'true'")));
    }

    /** What the page and its console say, for a failure message. */
    String diagnostics() {
        StringBuilder out = new StringBuilder(driver.getCurrentUrl()).append('\n');
        try {
            driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(e -> out.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n'));
        } catch (RuntimeException e) {
            out.append("(no console log: ").append(e.getMessage()).append(")\n");
        }
        String page = driver.getPageSource();
        return out.append(page, 0, Math.min(page.length(), 400)).toString();
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    WebElement el(String id) {
        return driver.findElement(By.id(id));
    }

    boolean shown(String id) {
        return el(id).isDisplayed();
    }

    void awaitShown(String id) {
        wait.until(d -> shown(id));
    }

    void await(String what, java.util.function.BooleanSupplier condition, Duration timeout) {
        new WebDriverWait(driver, timeout, Duration.ofMillis(100)).withMessage(what).until(d -> condition.getAsBoolean());
    }

    void type(String id, String text) {
        el(id).clear();
        el(id).sendKeys(text);
    }

    void login(String mobile, String password) {
        awaitShown("login-mobile");
        type("login-mobile", mobile);
        type("login-password", password);
        el("login-submit").click();
        awaitShown("capture-start");
    }

    /** Waits until the service worker controls the page, so the shell opens without network. */
    void awaitServiceWorker() {
        wait.until(d -> Boolean.TRUE.equals(driver.executeAsyncScript(
                "const done = arguments[0]; navigator.serviceWorker.ready.then(() => done(!!navigator.serviceWorker.controller));")));
    }

    long ticketStock() {
        return ((Number) driver.executeAsyncScript(COUNT_TICKETS)).longValue();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> outbox() {
        return (List<Map<String, Object>>) driver.executeAsyncScript(READ_OUTBOX);
    }

    /**
     * Opens the camera, runs the challenge burst and fills the form; returns the steps as the prompt
     * showed them, in order (read from the page while recording).
     */
    List<String> capture(Member m, long boothId) {
        el("capture-start").click();
        wait.until(d -> ((Number) js("return document.getElementById('camera-preview').videoWidth")).intValue() > 0);
        el("capture-shoot").click();
        List<String> seen = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!shown("screen-form") && System.nanoTime() < end) {
            Object step = js("const p = document.getElementById('challenge-prompt');"
                    + " return p.offsetParent ? p.dataset.step || null : null");
            if (step != null && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(step))) {
                seen.add((String) step);
            }
        }
        fill(m, boothId);
        return seen;
    }

    /** Fills the member form once it is shown. */
    void fill(Member m, long boothId) {
        awaitShown("member-name");
        type("member-name", m.name());
        type("member-mobile", m.mobile());
        type("member-epic", m.epic());
        type("member-age", Integer.toString(m.age()));
        new Select(el("member-gender")).selectByValue(m.gender());
        new Select(el("member-booth")).selectByValue(Long.toString(boothId));
        if (!el("member-consent").isSelected()) {
            el("member-consent").click();
        }
    }

    void save() {
        el("enrolment-save").click();
        awaitShown("capture-start");
    }

    int outboxCount() {
        return Integer.parseInt(el("outbox-count").getText().trim());
    }

    /** The list as one snapshot (read in one script, since the app redraws it while sending). */
    @SuppressWarnings("unchecked")
    List<Row> rows() {
        List<Map<String, String>> raw = (List<Map<String, String>>) js("return [...document.querySelectorAll('#enrolments > li')]"
                + ".map(li => ({id: li.dataset.submissionId, status: li.dataset.status, text: li.innerText}))");
        return raw.stream().map(r -> new Row(r.get("id"), r.get("status"), r.get("text"))).toList();
    }

    Map<String, Row> rowsById() {
        Map<String, Row> out = new LinkedHashMap<>();
        rows().forEach(r -> out.put(r.submissionId(), r));
        return out;
    }

    List<String> visibleTexts() {
        return PageTexts.visible(driver);
    }

    String language() {
        return PageTexts.language(driver);
    }

    void switchLanguage() {
        PageTexts.switchLanguage(driver, wait);
    }
}
