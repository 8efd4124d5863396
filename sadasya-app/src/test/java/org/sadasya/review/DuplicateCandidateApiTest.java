package org.sadasya.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.sadasya.testsupport.Api;
import org.openqa.selenium.chrome.ChromeDriver;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.ConsolePage;
import org.sadasya.testsupport.HeadlessChromium;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The one audited exception to scope: a reviewer of district X sees the member of district Y whom an
 * enrolment of X resembles (crop, member id, booth, similarity) through that enrolment only, and
 * each look is in the audit log; the member's card and the other district's enrolment stay refused.
 * The console (real headless Chromium) shows it beside the evidence, with the crop as a blob: image.
 */
// a fresh server, dropped afterwards: the member it issues would otherwise be the duplicate of later
// tests' faces (the scripted analyzer has few distinct member faces)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DuplicateCandidateApiTest extends AppServerTest {

    @Autowired
    JdbcClient jdbc;

    Api reviewerOfDistrict(Hierarchy h, String username) {
        long district = jdbc.sql("SELECT parent_id FROM org_unit WHERE id = ?").params(h.boothId()).query(Long.class).single();
        Hierarchy.created(admin.post("/api/v1/users", ("{\"username\": \"%s\", \"password\": \"review-pw-1\", \"name\": \"R\","
                + " \"role\": \"REVIEWER\", \"orgUnitId\": %d}").formatted(username, district)));
        return anonymous.login(username, "review-pw-1");
    }

    @Test
    @DirtiesContext(methodMode = org.springframework.test.annotation.DirtiesContext.MethodMode.BEFORE_METHOD)
    void aReviewer_seesTheOutOfScopeMemberAnEnrolmentResembles_throughThatEnrolmentOnly_andAudited() throws Exception {
        Hierarchy x = hierarchy();
        Hierarchy y = hierarchy();
        int face = 700_000 + x.n();
        String inY = ReviewSeeds.inReview(admin, y, face, "Sunita Devi").submissionId();
        String inX = ReviewSeeds.inReview(admin, x, face, "Sunita D.").submissionId();
        Api reviewerX = reviewerOfDistrict(x, "cand-x-" + x.n());
        Api reviewerY = reviewerOfDistrict(y, "cand-y-" + y.n());

        assertThat(reviewerX.get("/api/v1/reviews/" + inX + "/candidate").status())
                .as("no member looked alike when it was decided").isEqualTo(404);
        Api.Response issued = reviewerY.post("/api/v1/reviews/" + inY, "{\"decision\": \"ACCEPT\"}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        String memberY = issued.json().get("memberId").asText();
        // accepting X's enrolment now meets the member of Y: refused, and the finding is recorded on it
        assertThat(reviewerX.post("/api/v1/reviews/" + inX, "{\"decision\": \"ACCEPT\"}").status()).isEqualTo(409);

        Api.Response candidate = reviewerX.get("/api/v1/reviews/" + inX + "/candidate");
        assertThat(candidate.status()).as(candidate.toString()).isEqualTo(200);
        JsonNode c = candidate.json();
        assertThat(c.get("memberId").asText()).isEqualTo(memberY);
        assertThat(c.get("boothCode").asText()).isEqualTo("S%d-B1".formatted(y.n()));
        assertThat(c.get("outOfScope").asBoolean()).isTrue();
        assertThat(c.get("similarity").asDouble()).isGreaterThanOrEqualTo(c.get("threshold").asDouble());
        assertThat(c.toString()).as("nothing beyond crop, member id and booth").doesNotContain("Sunita", "96");

        var crop = reviewerX.bytes("/api/v1/reviews/" + inX + "/candidate/face");
        assertThat(c.get("face").asBoolean()).as("the member's face box was kept when it was issued").isTrue();
        assertThat(crop.status()).isEqualTo(200);
        assertThat(crop.cacheControl()).contains("no-store");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(crop.body()));
        assertThat(img.getWidth()).isPositive();
        JsonNode audit = admin.get("/api/v1/audit?entityType=enrollment&entityId=" + inX).json();
        assertThat(audit.findValuesAsText("action")).contains("DUPLICATE_CANDIDATE_VIEWED");
        assertThat(audit.findValuesAsText("detail")).anySatisfy(d -> assertThat(d).contains("\"outOfScope\":true", memberY));

        // the console shows the candidate beside the evidence, its crop from a blob: URL
        HeadlessChromium.require();
        ChromeDriver driver = HeadlessChromium.start(null, java.nio.file.Files.createTempDirectory("sadasya-candidate"));
        try {
            ConsolePage page = new ConsolePage(driver, anonymous, port).openAndLogIn("cand-x-" + x.n(), "review-pw-1");
            page.awaitTrue("the queue lists the enrolment", "return !!document.querySelector('#review-queue li[data-submission-id=\""
                    + inX + "\"]')");
            page.openItem(inX);
            page.awaitTrue("the candidate shown", "return document.getElementById('evidence-candidate').dataset.memberId === '"
                    + memberY + "'");
            page.awaitTrue("the candidate's crop decoded", "const i = document.getElementById('evidence-candidate-face');"
                    + " return i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0");
            assertThat(page.el("evidence-candidate-outside").isDisplayed()).isTrue();
            assertThat(page.el("evidence-candidate-booth").getText()).contains("S%d-B1".formatted(y.n()));
            page.inBothLanguages(java.util.Set.of(memberY, "cand-x-" + x.n(), "Booth 1", "S%d-B1".formatted(y.n()), "Sunita D.", "Sunita Devi",
                    "सुनीता देवी"));
        } finally {
            driver.quit();
        }

        // the exception goes no further: Y's member and Y's enrolment stay out of X's reach
        assertThat(reviewerX.get("/api/v1/members/" + memberY + "/card.png").status()).isEqualTo(404);
        assertThat(reviewerX.get("/api/v1/reviews/" + inY).status()).isEqualTo(404);
        assertThat(reviewerY.get("/api/v1/reviews/" + inX + "/candidate").status()).isEqualTo(404);
        assertThat(x.worker().get("/api/v1/reviews/" + inX + "/candidate").status()).isIn(403, 404);
    }

    @Test
    @DirtiesContext(methodMode = org.springframework.test.annotation.DirtiesContext.MethodMode.BEFORE_METHOD)
    void everyMemberAnEnrolmentResembles_isListed_eachCropOnlyThroughIt_andTheConsoleShowsThemAll() throws Exception {
        Hierarchy x = hierarchy();
        Hierarchy y = hierarchy();
        int a = 710_000 + 2 * x.n();
        int b = a + 1;
        String inY = ReviewSeeds.withMemberFace(admin, y, "M" + a, "ACCEPTED").submissionId();
        String inX = ReviewSeeds.withMemberFace(admin, x, "M" + b, "ACCEPTED").submissionId();
        String memberA = admin.get("/api/v1/enrollments/" + inY).json().get("memberId").asText();
        String memberB = admin.get("/api/v1/enrollments/" + inX).json().get("memberId").asText();
        // a face equally like both members (cosine 0.707 with each): a duplicate of either
        String both = ReviewSeeds.withMemberFace(admin, x, "M" + a + "+M" + b, "REJECTED").submissionId();
        Api reviewerX = reviewerOfDistrict(x, "cands-x-" + x.n());

        Api.Response listed = reviewerX.get("/api/v1/reviews/" + both + "/candidates");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        JsonNode list = listed.json();
        assertThat(list.findValuesAsText("memberId")).containsExactlyInAnyOrder(memberA, memberB);
        for (JsonNode c : list) {
            assertThat(c.get("similarity").asDouble()).isEqualTo(0.7071, org.assertj.core.data.Offset.offset(0.001));
            assertThat(c.get("outOfScope").asBoolean()).as(c.toString()).isEqualTo(c.get("memberId").asText().equals(memberA));
            assertThat(c.get("face").asBoolean()).isTrue();
            var crop = reviewerX.bytes("/api/v1/reviews/" + both + "/candidates/" + c.get("memberId").asText() + "/face");
            assertThat(crop.status()).isEqualTo(200);
            assertThat(crop.cacheControl()).contains("no-store");
            assertThat(ImageIO.read(new ByteArrayInputStream(crop.body())).getWidth()).isPositive();
        }
        assertThat(list.toString()).as("nothing beyond crop, member id and booth").doesNotContain("Sunita", "96");
        // the crop of a member this enrolment does not resemble stays refused, also through another enrolment
        assertThat(reviewerX.bytes("/api/v1/reviews/" + inX + "/candidates/" + memberA + "/face").status()).isEqualTo(404);
        assertThat(reviewerX.bytes("/api/v1/reviews/" + both + "/candidates/MP-9999999/face").status()).isEqualTo(404);
        JsonNode audit = admin.get("/api/v1/audit?entityType=enrollment&entityId=" + both).json();
        assertThat(audit.findValuesAsText("action")).contains("DUPLICATE_CANDIDATES_VIEWED", "DUPLICATE_CANDIDATE_FACE_VIEWED");

        HeadlessChromium.require();
        ChromeDriver driver = HeadlessChromium.start(null, java.nio.file.Files.createTempDirectory("sadasya-candidates"));
        try {
            ConsolePage page = new ConsolePage(driver, anonymous, port).openAndLogIn("cands-x-" + x.n(), "review-pw-1");
            page.choose("queue-status", "REJECTED");
            page.awaitTrue("the queue lists the rejected enrolment", "return !!document.querySelector('#review-queue li[data-submission-id=\""
                    + both + "\"]')");
            page.openItem(both);
            page.awaitTrue("both lookalikes shown, each with its decoded crop", """
                    const ids = [document.getElementById('evidence-candidate').dataset.memberId,
                      ...[...document.querySelectorAll('#evidence-candidates li')].map(li => li.dataset.memberId)];
                    const crops = [...document.querySelectorAll('#evidence-candidates img')];
                    return ids.sort().join(' ') === arguments[0]
                      && crops.length === 1 && crops.every(i => i.src.startsWith('blob:') && i.complete && i.naturalWidth > 0);
                    """, java.util.stream.Stream.of(memberA, memberB).sorted().collect(java.util.stream.Collectors.joining(" ")));
            page.inBothLanguages(java.util.Set.of(memberA, memberB, "cands-x-" + x.n(), "Booth 1", "S%d-B1".formatted(x.n()),
                    "S%d-B1".formatted(y.n()), "Sunita Devi", "सुनीता देवी", "0.7071"));
        } finally {
            driver.quit();
        }
    }
}
