package org.sadasya.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.chrome.ChromeDriver;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.ConsolePage;
import org.sadasya.testsupport.HeadlessChromium;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;
import org.sadasya.testsupport.ScriptedFaceAnalyzer;

/**
 * Appeals in the console, in real headless Chromium (issue 13, items 1 and 2): the server-side
 * filters narrow the queue (worker, dates, reason, enrolment id); a reviewer rejects one with a
 * comment, finds it among the rejected ones, re-opens it on appeal with a reason, sees it marked
 * as an appeal in the queue, accepts it and reads the whole history; the CSV download runs with
 * the token. The DOM text walk in both languages at each screen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAppealBrowserTest extends AppServerTest {

    ChromeDriver chromium;
    ConsolePage page;

    @BeforeAll
    void browser() throws IOException {
        HeadlessChromium.require();
        chromium = HeadlessChromium.start(null, Files.createTempDirectory("sadasya-appeal-browser").resolve("profile"));
    }

    @AfterAll
    void closeBrowser() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    /** A second worker at the same booth, with its own reference face. */
    Hierarchy secondWorker(Hierarchy h) {
        int n = h.n() + 5000;
        String mobile = workerMobile(new Hierarchy(n, 0, 0, null));
        long id = Hierarchy.created(admin.post("/api/v1/workers",
                "{\"name\": \"Worker 2\", \"mobile\": \"%s\", \"password\": \"worker-pw-1\", \"orgUnitId\": %d}"
                        .formatted(mobile, h.boothId())));
        assertThat(admin.multipart("/api/v1/workers/" + id + "/reference-face",
                List.of(Api.Part.file("photo", "ref.jpg", ScriptedFaceAnalyzer.photo("W" + n)))).status()).isEqualTo(201);
        return new Hierarchy(n, h.boothId(), id, anonymous.login(mobile, "worker-pw-1"));
    }

    @Test
    void filtersNarrowTheQueue_aRejectionIsAppealed_decidedAgain_andTheHistoryShowsIt() {
        Hierarchy here = hierarchy();
        Hierarchy other = secondWorker(here);
        String appealed = ReviewSeeds.inReview(admin, here).submissionId();
        String outside = ReviewSeeds.outsideTheBooth(admin, here).submissionId();
        String byOther = ReviewSeeds.inReview(admin, other).submissionId();
        Api reviewer = ReviewSeeds.reviewer(anonymous, admin, here);
        String reviewerName = "reviewer" + here.n();
        page = new ConsolePage(chromium, anonymous, port);
        page.openAndLogIn(reviewerName, "review-pw-1");
        page.awaitQueue(appealed, outside, byOther);

        // filters, answered by the server
        page.wait.withMessage("both workers offered").until(d -> ((Number) page.js(
                "return document.querySelectorAll('#queue-worker option').length")).intValue() == 3);
        page.choose("queue-worker", String.valueOf(other.workerId()));
        page.awaitQueue(byOther);
        page.choose("queue-worker", "");
        page.awaitQueue(appealed, outside, byOther);
        String today = LocalDate.now(ZoneId.of("Asia/Kolkata")).toString();
        page.choose("queue-to", LocalDate.now(ZoneId.of("Asia/Kolkata")).minusDays(1).toString());
        page.awaitQueue();
        page.choose("queue-to", today);
        page.choose("queue-from", today);
        page.awaitQueue(appealed, outside, byOther);
        page.choose("queue-filter", "FIELD_PRESENCE");
        page.awaitQueue(outside);
        page.choose("queue-filter", "");
        page.awaitQueue(appealed, outside, byOther);
        page.inBothLanguages(Set.of(workerMobile(here), workerMobile(other)));

        // reject with a comment
        page.openItem(appealed);
        page.el("review-comment").sendKeys("the member's face is blurred");
        page.el("review-reject").click();
        page.wait.until(d -> !appealed.equals(page.js("return document.body.dataset.opened || null")));
        assertThat(reviewer.get("/api/v1/enrollments/" + appealed).json().get("status").asText()).isEqualTo("REJECTED");
        page.el("case-back").click();
        page.awaitShown("screen-queue");

        // find it among the rejected ones, by its id
        page.choose("queue-status", "REJECTED");
        page.awaitQueue(appealed);
        page.el("queue-search").sendKeys(appealed, org.openqa.selenium.Keys.ENTER);
        page.awaitQueue(appealed);
        page.openItem(appealed);
        page.awaitShown("appeal-box");
        assertThat(page.el("review-accept").isDisplayed()).as("a rejected enrolment is not decided again before its appeal").isFalse();
        assertThat(events()).containsExactly("VERDICT", "REJECT");
        Set<String> caseData = Set.of("Sunita Devi", "सुनीता देवी", reviewerName, "the member's face is blurred",
                "the family showed the member's card");
        page.inBothLanguages(caseData);

        page.el("appeal-submit").click();
        page.awaitShown("appeal-error");
        assertThat(page.el("appeal-error").getText()).isEqualTo(page.catalogue(page.js("return document.documentElement.lang")
                .toString()).get("appeal.needReason"));
        page.el("appeal-reason").sendKeys("the family showed the member's card");
        page.el("appeal-submit").click();
        page.awaitShown("review-accept");
        assertThat(events()).containsExactly("VERDICT", "REJECT", "APPEAL");
        assertThat(page.el("appeal-box").isDisplayed()).isFalse();
        assertThat(page.el("case-appeal").isDisplayed()).isTrue();
        page.inBothLanguages(caseData);

        // back in the queue of enrolments waiting for review, marked as an appeal
        page.el("case-back").click();
        page.choose("queue-status", "REVIEW");
        page.awaitQueue(appealed);
        assertThat(page.js("return document.querySelector('#review-queue li').dataset.appeal")).isEqualTo("true");
        page.choose("queue-search", "");
        page.awaitQueue(appealed, outside, byOther);
        assertThat(page.js("return [...document.querySelectorAll('#review-queue li')].map(li => li.dataset.appeal || '')"))
                .isEqualTo(List.of("true", "", ""));
        page.inBothLanguages(Set.of(workerMobile(here), workerMobile(other)));

        // decided again
        page.openItem(appealed);
        page.el("review-accept").click();
        page.wait.until(d -> !appealed.equals(page.js("return document.body.dataset.opened || null")));
        JsonNode decided = reviewer.get("/api/v1/reviews/" + appealed).json();
        assertThat(decided.get("enrollment").get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(decided.get("history").findValuesAsText("event")).containsExactly("VERDICT", "REJECT", "APPEAL", "ACCEPT");
        page.el("case-back").click();
        page.choose("queue-status", "ACCEPTED");
        page.awaitQueue(appealed);
        page.openItem(appealed);
        page.wait.until(d -> events().equals(List.of("VERDICT", "REJECT", "APPEAL", "ACCEPT")));
        assertThat(page.el("review-history").getText()).contains("the member's face is blurred",
                "the family showed the member's card", reviewerName);
        assertThat(page.el("review-decide").isDisplayed()).isFalse();
        // the accepted member's card, made by the server with the reviewer's token
        String memberId = decided.get("enrollment").get("memberId").asText();
        page.awaitShown("card-box");
        assertThat(page.el("card-member-id").getText()).isEqualTo(memberId);
        page.el("card-png").click();
        page.wait.withMessage("the card downloaded").until(d -> ("card-" + memberId + ".png").equals(
                page.js("return document.body.dataset.downloaded || null")));
        page.el("card-pdf").click();
        page.wait.withMessage("the printable card downloaded").until(d -> ("card-" + memberId + ".pdf").equals(
                page.js("return document.body.dataset.downloaded || null")));
        assertThat(page.el("card-error").isDisplayed()).isFalse();
        JsonNode made = admin.get("/api/v1/audit?entityType=member&entityId=" + memberId).json();
        assertThat(made.findValuesAsText("action")).as("each card is audited").filteredOn("MEMBER_CARD_MADE"::equals)
                .hasSize(2);
        Set<String> withMember = new java.util.HashSet<>(caseData);
        withMember.add(memberId);
        page.inBothLanguages(withMember);

        // the CSV downloads with the token
        page.el("case-back").click();
        page.el("export-enrollments").click();
        page.wait.withMessage("the export downloaded").until(d -> "enrollments.csv".equals(
                page.js("return document.body.dataset.downloaded || null")) || String.valueOf(
                page.js("return document.body.dataset.downloaded || ''")).startsWith("enrollments-"));
        assertThat(page.el("export-error").isDisplayed()).isFalse();
    }

    @SuppressWarnings("unchecked")
    List<String> events() {
        return (List<String>) page.js("return [...document.querySelectorAll('#review-history li')].map(li => li.dataset.event)");
    }

    @Test
    void theExportButtons_andTheAppealControls_areOnThePage() {
        String html = anonymous.get("/console/").body();
        for (String id : List.of("appeal-reason", "appeal-submit", "review-history", "queue-status", "queue-unit",
                "queue-worker", "queue-from", "queue-to", "queue-search", "export-enrollments", "export-members")) {
            assertThat(html).contains("id=\"" + id + "\"");
        }
    }
}
