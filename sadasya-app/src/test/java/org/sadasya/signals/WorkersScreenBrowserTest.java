package org.sadasya.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.chrome.ChromeDriver;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.ConsolePage;
import org.sadasya.testsupport.HeadlessChromium;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;

/**
 * The console's "workers" screen in real headless Chromium (issue 13, item 4): a reviewer opens
 * it, the worker who enrolled from home carries SAME_SPOT in {@code data-signals} and the
 * door-to-door worker does not; the SAME_SPOT drill-down lists exactly the enrolments sent from home,
 * and one in review opens in the case view. The DOM text walk in both languages, drill-down open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkersScreenBrowserTest extends AppServerTest {

    ChromeDriver driver;

    @BeforeAll
    void browser() throws IOException {
        HeadlessChromium.require();
        Path work = Files.createTempDirectory("sadasya-workers-browser");
        driver = HeadlessChromium.start(null, work.resolve("profile"));
    }

    @AfterAll
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    static String item(long workerId) {
        return "document.querySelector('#worker-signals > li[data-worker-id=\"" + workerId + "\"]')";
    }

    @Test
    void theWorkerAtHome_isFlaggedSameSpot_theDoorToDoorWorkerNot_andTheDrillDownListsTheEnrolmentsBehindIt() {
        Hierarchy home = hierarchy();
        Hierarchy walker = anotherWorker(home, "Walker");
        List<String> atHome = SignalSeeds.atHome(admin, home);
        List<String> walked = SignalSeeds.doorToDoor(admin, walker);
        ReviewSeeds.reviewer(anonymous, admin, home);
        ConsolePage page = new ConsolePage(driver, anonymous, port).openAndLogIn("reviewer" + home.n(), "review-pw-1");
        assertThat(page.language()).isEqualTo("hi");

        page.el("nav-workers").click();
        page.awaitShown("worker-signals");
        page.awaitTrue("the worker list loaded", "return document.body.dataset.workers === 'loaded'");

        List<String> homeSignals = List.of(((String) page.js("return " + item(home.workerId()) + ".dataset.signals")).split(" "));
        List<String> walkerSignals = List.of(((String) page.js("return " + item(walker.workerId()) + ".dataset.signals")).split(" "));
        assertThat(homeSignals).contains("SAME_SPOT");
        assertThat(walkerSignals).doesNotContain("SAME_SPOT");
        assertThat(((Number) page.js("return document.querySelectorAll('#worker-signals > li').length")).intValue()).isEqualTo(2);
        assertThat(page.el("worker-signals").getText()).contains("Walker", "Booth 1",
                page.catalogue("hi").get("signal.SAME_SPOT"), page.catalogue("hi").get("signal.SAME_SPOT.why"));

        Set<String> userData = new HashSet<>(Set.of("Worker", "Walker", "Booth 1"));
        userData.addAll(atHome);
        userData.addAll(walked);
        String sameSpot = item(home.workerId()) + ".querySelector('li.signal[data-code=\"SAME_SPOT\"]')";
        Runnable openDrill = () -> page.js(sameSpot + ".querySelector('button.code').click()");
        page.inBothLanguages(userData, openDrill);

        openDrill.run();
        HeadlessChromium.screenshotAtDesk(driver, "workers", 1100, 1100);
        @SuppressWarnings("unchecked")
        List<String> listed = (List<String>) page.js("return [..." + sameSpot
                + ".querySelectorAll('ul.cases > li')].map(li => li.dataset.submissionId)");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(atHome);
        String inReview = (String) page.js("const li = " + sameSpot
                + ".querySelector('ul.cases > li[data-status=\"REVIEW\"]'); return li ? li.dataset.submissionId : null");
        assertThat(inReview).as("sent without a challenge, so LIVENESS sends them to review").isNotNull();
        page.js(sameSpot + ".querySelector('ul.cases > li[data-submission-id=\"" + inReview + "\"] button.open').click()");
        page.awaitTrue("the enrolment opened in the case view",
                "return document.body.dataset.opened === '" + inReview + "'");
        page.awaitShown("review-evidence");
    }
}
