package org.sadasya.console;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.HeadlessChromium;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.PageTexts;
import org.sadasya.testsupport.ReviewSeeds;

/**
 * The district console in real headless Chromium (issue 13, items 1 and 8): a worker is turned
 * away; a reviewer sees their own booth's enrolments in REVIEW (made by the scripted face analyzer),
 * oldest first and in Hindi, filters them by reason, walks the list and opens one by keyboard, sees
 * the selfie and the burst as blob: images, every rule and the GPS plot, rejects it with a comment
 * and accepts the next by keyboard; the API confirms both left the queue and the audit log holds the
 * decision. At each screen the DOM text walk in both languages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends AppServerTest {

    static final Set<String> MEMBER_NAMES = Set.of("Sunita Devi", "सुनीता देवी");

    Path work;
    ChromeDriver driver;
    WebDriverWait wait;

    @BeforeAll
    void browser() throws IOException {
        HeadlessChromium.require();
        work = Files.createTempDirectory("sadasya-console-browser");
        driver = HeadlessChromium.start(null, work.resolve("profile"));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(50));
    }

    @AfterAll
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    void open() {
        driver.get("http://127.0.0.1:" + port + "/console/");
        wait.withMessage("the console did not start")
                .until(d -> Boolean.TRUE.equals(js("return document.body.dataset.ready === 'true'")));
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    WebElement el(String id) {
        return driver.findElement(By.id(id));
    }

    void awaitShown(String id) {
        wait.withMessage(id + " shown").until(d -> el(id).isDisplayed());
    }

    String language() {
        return PageTexts.language(driver);
    }

    void switchLanguage() {
        PageTexts.switchLanguage(driver, wait);
    }

    void logIn(String username, String password) {
        awaitShown("login-username");
        el("login-username").clear();
        el("login-username").sendKeys(username);
        el("login-password").sendKeys(password);
        el("login-submit").click();
    }

    Map<String, String> catalogue(String lang) {
        JsonNode messages = anonymous.get("/console/i18n/" + lang + ".json").json().get("messages");
        Map<String, String> out = new HashMap<>();
        messages.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    void inBothLanguages(Set<String> userData) {
        for (int i = 0; i < 2; i++) {
            Set<String> allowed = new HashSet<>(catalogue(language()).values());
            allowed.addAll(userData);
            assertThat(PageTexts.strangers(PageTexts.visible(driver), allowed))
                    .as("visible texts in '%s' that are no catalogue value, user data or digits", language()).isEmpty();
            switchLanguage();
        }
    }

    @SuppressWarnings("unchecked")
    List<String> queueShown() {
        return (List<String>) js("return [...document.querySelectorAll('#review-queue > li')].map(li => li.dataset.submissionId)");
    }

    List<String> queueByApi(org.sadasya.testsupport.Api reviewer) {
        return reviewer.get("/api/v1/reviews").json().findValuesAsText("submissionId");
    }

    void awaitOpened(String submissionId) {
        wait.withMessage("enrolment " + submissionId + " opened with its photos").until(d -> submissionId.equals(
                js("return document.body.dataset.opened || null")));
    }

    /** The queue item the keyboard stands on. */
    String current() {
        return (String) js("const li = document.querySelector('#review-queue li.current'); return li ? li.dataset.submissionId : null");
    }

    void press(CharSequence key) {
        new Actions(driver).sendKeys(key).perform();
    }

    @Test
    @Order(1)
    void theConsoleStartsInHindi_andAWorkersLoginIsRefused() {
        open();
        assertThat(language()).isEqualTo("hi");
        inBothLanguages(Set.of());
        Hierarchy h = hierarchy();

        logIn(workerMobile(h), "worker-pw-1");

        awaitShown("login-error");
        assertThat(el("login-error").getText()).isEqualTo(catalogue(language()).get("login.notReviewer"));
        assertThat(el("screen-queue").isDisplayed()).isFalse();
        assertThat(el("logout").isDisplayed()).isFalse();
        inBothLanguages(Set.of());
    }

    @Test
    @Order(2)
    void aReviewer_seesTheirQueueOldestFirst_filtersIt_opensTheEvidence_rejectsWithAComment_acceptsTheNextByKeyboard() {
        Hierarchy here = hierarchy();
        Hierarchy elsewhere = hierarchy();
        String first = ReviewSeeds.inReview(admin, here).submissionId();
        String second = ReviewSeeds.inReview(admin, here).submissionId();
        String third = ReviewSeeds.outsideTheBooth(admin, here).submissionId();
        String otherDistrict = ReviewSeeds.inReview(admin, elsewhere).submissionId();
        var reviewer = ReviewSeeds.reviewer(anonymous, admin, here);
        String username = "reviewer" + here.n();
        open();
        assertThat(language()).isEqualTo("hi");

        logIn(username, "review-pw-1");

        awaitShown("review-queue");
        wait.withMessage("the queue lists all three").until(d -> queueShown().size() == 3);
        assertThat(queueShown()).containsExactly(first, second, third).doesNotContain(otherDistrict);
        assertThat(el("review-queue").getText()).contains(catalogue("hi").get("rule.LIVENESS"),
                catalogue("hi").get("rule.FIELD_PRESENCE"));
        new Select(el("queue-filter")).selectByValue("FIELD_PRESENCE");
        assertThat(queueShown()).containsExactly(third);
        new Select(el("queue-filter")).selectByValue("LIVENESS");
        assertThat(queueShown()).containsExactly(first, second);
        new Select(el("queue-filter")).selectByValue("");
        assertThat(queueShown()).containsExactly(first, second, third);
        inBothLanguages(Set.of());
        HeadlessChromium.screenshotAtDesk(driver, "queue", 1100, 700);

        press("j");
        press("j");
        assertThat(current()).isEqualTo(second);
        press("k");
        assertThat(current()).isEqualTo(first);
        press(org.openqa.selenium.Keys.ENTER);
        awaitOpened(first);
        awaitShown("review-evidence");
        wait.withMessage("the selfie decoded from a blob: URL").until(d -> Boolean.TRUE.equals(js(
                "const i = document.getElementById('evidence-photo'); return i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0")));
        assertThat(((Number) js("return document.getElementById('evidence-photo').naturalWidth")).intValue()).isEqualTo(64);
        wait.withMessage("three burst frames decoded from blob: URLs").until(d -> ((Number) js(
                "return [...document.querySelectorAll('#evidence-burst img')].filter(i => i.src.startsWith('blob:')"
                        + " && i.complete && i.naturalWidth > 0).length")).intValue() == 3);
        assertThat(js("return document.querySelector('#evidence-rules li[data-code=\"LIVENESS\"]').dataset.outcome"))
                .isEqualTo("REVIEW");
        assertThat(((Number) js("return document.querySelectorAll('#evidence-rules li').length")).intValue())
                .isGreaterThanOrEqualTo(6);
        assertThat(el("evidence-map").isDisplayed()).isTrue();
        assertThat(((Number) js("return document.querySelector('#evidence-map circle.booth').r.baseVal.value")).doubleValue())
                .isGreaterThan(0);
        // the worker's reference face beside the selfie, with the match figures the verifier recorded
        wait.withMessage("the reference face decoded from a blob: URL").until(d -> Boolean.TRUE.equals(js(
                "const i = document.querySelector('#evidence-reference img[data-face=\"0\"]');"
                        + " return !!i && i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0")));
        JsonNode match = null;
        for (JsonNode reason : reviewer.get("/api/v1/reviews/" + first).json().get("enrollment").get("reasons")) {
            if (reason.get("code").asText().equals("WORKER_MATCH")) {
                match = reason.get("evidence");
            }
        }
        assertThat(match).isNotNull();
        assertThat(Double.parseDouble(el("evidence-reference-similarity").getText())).isEqualTo(match.get("similarity").asDouble());
        assertThat(Double.parseDouble(el("evidence-reference-threshold").getText())).isEqualTo(match.get("threshold").asDouble());
        // the member's face framed on the selfie, in the photo's pixels, where the verifier found it
        JsonNode box = reviewer.get("/api/v1/reviews/" + first).json().get("memberFace");
        assertThat(box.isNull()).as("the decision kept the member's face box").isFalse();
        wait.withMessage("the member's face framed").until(d -> Boolean.TRUE.equals(js(
                "return !!document.querySelector('#evidence-boxes rect.member-box') && !document.getElementById('evidence-boxes').hasAttribute('hidden')")));
        // the box is stored as fractions of the photo: drawn in the photo's pixels
        double naturalWidth = ((Number) js("return document.getElementById('evidence-photo').naturalWidth")).doubleValue();
        assertThat(((Number) js("return document.querySelector('#evidence-boxes rect.member-box').width.baseVal.value")).doubleValue())
                .isEqualTo(box.get("width").asDouble() * naturalWidth, org.assertj.core.data.Offset.offset(0.01));
        assertThat(js("return document.getElementById('evidence-boxes').getAttribute('viewBox')"))
                .isEqualTo(js("const p = document.getElementById('evidence-photo'); return `0 0 ${p.naturalWidth} ${p.naturalHeight}`"));
        // both counted faces framed and listed with their role, the challenge's verdict and a crop
        assertThat(js("return [...document.querySelectorAll('#evidence-boxes rect.face-box')].map(r => r.dataset.role).join(' ')"))
                .isEqualTo("WORKER MEMBER");
        assertThat(js("return [...document.querySelectorAll('#evidence-faces li')].map(li => li.dataset.role).join(' ')"))
                .isEqualTo("WORKER MEMBER");
        wait.withMessage("each face's crop shown").until(d -> Boolean.TRUE.equals(js(
                "const crops = [...document.querySelectorAll('#evidence-faces img')];"
                        + " return crops.length === 2 && crops.every(i => i.complete && i.naturalWidth > 0)")));
        var face = reviewer.bytes("/api/v1/workers/" + here.workerId() + "/reference-face/0");
        assertThat(face.status()).isEqualTo(200);
        assertThat(face.cacheControl()).contains("no-store");
        assertThat(reviewer.get("/api/v1/workers/" + here.workerId() + "/reference-face/1").status()).isEqualTo(404);
        // the worker's other enrolments of that day on the same plot; the other district's is not the worker's
        assertThat(js("return [...document.querySelectorAll('#evidence-map circle.other')].map(c => c.dataset.submissionId)"
                + ".sort().join(' ')")).isEqualTo(java.util.stream.Stream.of(second, third).sorted()
                .collect(java.util.stream.Collectors.joining(" ")));
        assertThat(((Number) js("return Number(document.querySelector('#evidence-map circle.other[data-submission-id=\""
                + third + "\"]').dataset.northMeters)")).doubleValue())
                .isBetween(ReviewSeeds.NORTH_OF_THE_BOOTH_METERS - 5, ReviewSeeds.NORTH_OF_THE_BOOTH_METERS + 5);
        assertThat(el("evidence-same-day").isDisplayed()).isTrue();
        inBothLanguages(MEMBER_NAMES);

        press("r");
        awaitShown("review-error");
        assertThat(el("review-error").getText()).isEqualTo(catalogue(language()).get("review.needComment"));
        assertThat(queueByApi(reviewer)).as("nothing was sent without a comment").contains(first);
        el("review-comment").sendKeys("the member's face is not clear in any frame");
        el("review-reject").click();

        awaitOpened(second);
        JsonNode rejected = reviewer.get("/api/v1/enrollments/" + first).json();
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("reviewNote").asText()).isEqualTo("the member's face is not clear in any frame");
        assertThat(queueByApi(reviewer)).doesNotContain(first).contains(second);
        inBothLanguages(MEMBER_NAMES);

        press("a");
        awaitOpened(third);
        assertThat(reviewer.get("/api/v1/enrollments/" + second).json().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(queueByApi(reviewer)).doesNotContain(first, second).contains(third);
        // the plot places the photo north of the booth's centre, to scale
        assertThat(((Number) js("return Number(document.querySelector('#evidence-map circle.point').dataset.northMeters)"))
                .doubleValue()).isBetween(ReviewSeeds.NORTH_OF_THE_BOOTH_METERS - 5, ReviewSeeds.NORTH_OF_THE_BOOTH_METERS + 5);
        assertThat(js("return document.querySelector('#evidence-rules li[data-code=\"FIELD_PRESENCE\"]').dataset.outcome"))
                .isEqualTo("REVIEW");
        // under each burst frame, each face's turn and look-up as LIVENESS measured them
        JsonNode judged = null;
        for (JsonNode reason : reviewer.get("/api/v1/reviews/" + third).json().get("enrollment").get("reasons")) {
            if (reason.get("code").asText().equals("LIVENESS")) {
                judged = reason.get("evidence").get("faces");
            }
        }
        assertThat(judged).isNotNull().hasSize(2);
        java.util.List<String> expected = new java.util.ArrayList<>();
        java.util.List<String> shown = new java.util.ArrayList<>();
        int frames = judged.get(0).get("evidence").get("frameYawDegrees").size();
        assertThat(frames).isEqualTo(3);
        for (int n = 0; n < frames; n++) {
            for (JsonNode f : judged) {
                expected.add(n + ":" + Math.round(f.get("evidence").get("frameYawDegrees").get(n).asDouble()) + "/"
                        + Math.round(f.get("evidence").get("framePitchDegrees").get(n).asDouble()));
            }
            shown.addAll(((java.util.List<?>) js("return [...document.querySelectorAll('#evidence-burst figure')][arguments[0]]"
                    + ".querySelectorAll('figcaption > div').values().map(d => arguments[0] + ':'"
                    + " + d.querySelector('.yaw').textContent + '/' + d.querySelector('.pitch').textContent).toArray()", n))
                    .stream().map(Object::toString).toList());
        }
        assertThat(shown).isEqualTo(expected);
        assertThat(expected).as("the faces turned in some frame").anyMatch(e -> !e.endsWith(":0/0"));
        HeadlessChromium.screenshotAtDesk(driver, "case", 1100, 1400);

        press(org.openqa.selenium.Keys.ESCAPE);
        awaitShown("screen-queue");
        assertThat(queueShown()).containsExactly(third);
        JsonNode audit = admin.get("/api/v1/audit?entityType=enrollment&entityId=" + first).json();
        assertThat(audit.findValuesAsText("action")).contains("ENROLLMENT_REVIEWED");
        inBothLanguages(Set.of());
    }
}
