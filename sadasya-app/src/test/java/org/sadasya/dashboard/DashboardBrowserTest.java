package org.sadasya.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.HeadlessChromium;
import org.sadasya.testsupport.PageTexts;
import org.sadasya.verification.VerifyEnrollment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's dashboard in real headless Chromium: a state reviewer opens it from the header's
 * navigation and reads the seeded counts ({@link DashboardSeeds}) from {@code dashboard-totals}; the
 * Chart.js canvas has pixels and the chart's data are the per-day numbers; a click on a district and
 * then on its block opens theirs, the breadcrumb leads back up; workers and rejection reasons are the
 * seeded ones; no Content-Security-Policy violation; the DOM text walk in both languages. With
 * {@code -Dsadasya.screenshots=<dir>} it also saves {@code dashboard.png} at desk size.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest extends AppServerTest {

    private static final AtomicInteger SEQ = new AtomicInteger(50);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    VerifyEnrollment pipeline;

    ChromeDriver driver;
    WebDriverWait wait;

    @BeforeAll
    void browser() throws IOException {
        HeadlessChromium.require();
        driver = HeadlessChromium.start(null, Files.createTempDirectory("sadasya-dashboard-browser").resolve("profile"));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(50));
    }

    @AfterAll
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    List<Long> totalsShown() {
        return List.of("submitted", "accepted", "rejected", "review").stream()
                .map(k -> Long.parseLong((String) js("return document.getElementById('dashboard-totals').dataset." + k)))
                .toList();
    }

    void awaitDashboard(long unitId) {
        wait.withMessage("dashboard of unit " + unitId).until(d -> String.valueOf(unitId)
                .equals(js("return document.body.dataset.dashboard || null")));
    }

    void click(String css) {
        driver.findElement(By.cssSelector(css)).click();
    }

    Set<String> catalogue(String lang) {
        JsonNode messages = anonymous.get("/console/i18n/" + lang + ".json").json().get("messages");
        Set<String> out = new HashSet<>();
        messages.fields().forEachRemaining(e -> out.add(e.getValue().asText()));
        return out;
    }

    void inBothLanguages(Set<String> userData) {
        for (int i = 0; i < 2; i++) {
            Set<String> allowed = new HashSet<>(catalogue(PageTexts.language(driver)));
            allowed.addAll(userData);
            assertThat(PageTexts.strangers(PageTexts.visible(driver), allowed))
                    .as("visible texts in '%s' that are no catalogue value, user data or digits", PageTexts.language(driver))
                    .isEmpty();
            PageTexts.switchLanguage(driver, wait);
        }
    }

    @Test
    void aStateReviewer_readsTheSeededCounts_seesTheChart_drillsDownAndBackUp() throws IOException {
        int n = SEQ.incrementAndGet();
        DashboardSeeds.Seeded s = DashboardSeeds.seed(anonymous, admin, jdbc, pipeline, n);
        Set<String> names = Set.of("Dash State " + n, "District A", "ज़िला अ", "District B", "ज़िला ब", "Block A1",
                "Booth a1", "Booth a2", "Booth b1", "Asha", "Ravi", "Meena");
        driver.get("http://127.0.0.1:" + port + "/console/");
        wait.until(d -> Boolean.TRUE.equals(js("return document.body.dataset.ready === 'true'")));
        js("window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
                + " (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI))");
        driver.findElement(By.id("login-username")).sendKeys(s.reviewerOfStateName());
        driver.findElement(By.id("login-password")).sendKeys("review-pw-1");
        driver.findElement(By.id("login-submit")).click();
        wait.until(d -> driver.findElement(By.id("console-nav")).isDisplayed());
        assertThat((String) js("return document.querySelector('#console-nav button').dataset.screen"))
                .as("the dashboard comes first in the navigation").isEqualTo("dashboard");

        click("#console-nav button[data-screen='dashboard']");
        awaitDashboard(s.unit("state"));
        assertThat(totalsShown()).containsExactly(14L, 5L, 5L, 3L).isEqualTo(DashboardChecks.counts(s.in("state")));
        wait.withMessage("the chart drew pixels").until(d -> ((Number) js("const c = document.getElementById('dashboard-chart');"
                + " if (!c.width || !c.height) return 0; const p = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 3; i < p.length; i += 4) if (p[i] > 0) n++; return n;")).intValue() > 2000);
        assertThat(js("return window.Chart.getChart('dashboard-chart').data.datasets[0].data"))
                .as("the chart's submitted line is the per-day count")
                .isEqualTo(DashboardChecks.byDay(s.in("state")).values().stream().map(c -> c.get(0)).toList());
        assertThat(js("return [...document.querySelectorAll('#dashboard-reasons li')].map(li => li.dataset.code + ':' + li.dataset.count)"))
                .isEqualTo(List.of("LIVENESS:2", "DUPLICATE_FACE:1", "FACE_COUNT:1", "REVIEWER_DECISION:1"));
        assertThat(js("return [...document.querySelectorAll('#dashboard-workers tr')].map(tr => Number(tr.dataset.workerId))"))
                .isEqualTo(List.of(s.workers().get("asha"), s.workers().get("ravi"), s.workers().get("meena")));
        assertThat(js("return document.getElementById('dashboard-backlog').dataset.count")).isEqualTo("3");
        assertThat(Double.parseDouble((String) js("return document.getElementById('dashboard-median').dataset.seconds")))
                .isEqualTo(DashboardChecks.estimatedMedian(s.in("state")));
        assertThat(js("return document.getElementById('dashboard-median-about').hidden"))
                .as("the state's median is from time buckets, and says so").isEqualTo(false);
        inBothLanguages(names);
        screenshot();

        click("#dashboard-children tr[data-org-unit-id='" + s.unit("A") + "'] button");
        awaitDashboard(s.unit("A"));
        assertThat(totalsShown()).isEqualTo(DashboardChecks.counts(s.in("A")));
        assertThat(js("return [...document.querySelectorAll('#dashboard-workers tr')].map(tr => Number(tr.dataset.workerId))"))
                .isEqualTo(List.of(s.workers().get("asha"), s.workers().get("ravi")));
        inBothLanguages(names);

        click("#dashboard-children tr[data-org-unit-id='" + s.unit("A1") + "'] button");
        awaitDashboard(s.unit("A1"));
        click("#dashboard-children tr[data-org-unit-id='" + s.unit("a1") + "'] button");
        awaitDashboard(s.unit("a1"));
        assertThat(totalsShown()).isEqualTo(DashboardChecks.counts(s.in("a1")));
        assertThat(driver.findElement(By.id("dashboard-children-block")).isDisplayed()).as("a booth has no children").isFalse();
        assertThat(js("return document.getElementById('dashboard-median-about').hidden"))
                .as("a booth's median is computed from every decision").isEqualTo(true);
        assertThat(js("return [...document.querySelectorAll('#dashboard-breadcrumb button')].map(b => Number(b.dataset.orgUnitId))"))
                .isEqualTo(List.of(s.unit("state"), s.unit("A"), s.unit("A1")));
        inBothLanguages(names);

        click("#dashboard-breadcrumb button[data-org-unit-id='" + s.unit("state") + "']");
        awaitDashboard(s.unit("state"));
        assertThat(totalsShown()).containsExactly(14L, 5L, 5L, 3L);
        assertThat(js("return window.cspViolations")).as("Chart.js needs nothing the policy refuses").isEqualTo(List.of());

        click("#console-nav button[data-screen='queue']");
        wait.until(d -> driver.findElement(By.id("review-queue")).isDisplayed());
        assertThat(driver.findElement(By.id("screen-dashboard")).isDisplayed()).isFalse();
    }

    /** On demand, the dashboard at a desk's size for the README, in English (this machine's Chromium has no Devanagari font). */
    void screenshot() throws IOException {
        String dir = System.getProperty("sadasya.screenshots");
        if (dir == null) {
            return;
        }
        if (!"en".equals(PageTexts.language(driver))) {
            PageTexts.switchLanguage(driver, wait);
        }
        Map<String, Object> desk = new HashMap<>(Map.of("width", 1100, "height", 1500, "deviceScaleFactor", 1, "mobile", false));
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", desk);
        Files.createDirectories(Path.of(dir));
        js("window.Chart.getChart('dashboard-chart').resize()");
        Files.write(Path.of(dir).resolve("dashboard.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", HeadlessChromium.WIDTH,
                "height", HeadlessChromium.HEIGHT, "deviceScaleFactor", 1, "mobile", true));
    }
}
