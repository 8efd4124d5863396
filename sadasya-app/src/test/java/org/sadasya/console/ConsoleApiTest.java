package org.sadasya.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sadasya.decision.ReasonCode;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.PageSources;
import org.sadasya.testsupport.ReviewSeeds;

/**
 * The console as the server serves it (public page, catalogues, no inline script), and the
 * reviewer's evidence endpoints: photos decrypted for a reviewer in scope only, never cached.
 */
class ConsoleApiTest extends AppServerTest {

    static final Path STATIC = Path.of("src/main/resources/static/console");

    @Test
    void thePage_isPublic_withTheContractsIds_andTheSameCsp() throws Exception {
        Api.Response page = anonymous.get("/console/");
        java.net.http.HttpResponse<Void> headers = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/console/")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(headers.headers().firstValue("Content-Security-Policy"))
                .contains(org.sadasya.config.SecurityConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(headers.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "img-src 'self' blob:").doesNotContain("unsafe-inline", "http:", "https:");

        assertThat(page.status()).isEqualTo(200);
        for (String id : List.of("login-username", "login-password", "login-submit", "review-queue", "review-evidence",
                "review-accept", "review-reject", "review-comment")) {
            assertThat(page.body()).contains("id=\"" + id + "\"");
        }
        assertThat(anonymous.get("/console/js/main.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/console/i18n/fr.json").status()).isEqualTo(404);
    }

    @Test
    void catalogues_haveTheSameKeysInHindiAndEnglish_andEveryKeyThePageNames() throws IOException {
        JsonNode hi = anonymous.get("/console/i18n/hi.json").json();
        JsonNode en = anonymous.get("/console/i18n/en.json").json();
        Set<String> keys = keys(en);

        assertThat(keys(hi)).isEqualTo(keys);
        assertThat(hi.get("messages").get("review.reject").asText()).isEqualTo("अस्वीकार करें");
        Set<String> used = PageSources.keysNamed(STATIC.resolve("index.html"), scripts(),
                "brand|evidence|lang|login|logout|pass|photo|queue|reason|review");
        assertThat(used).hasSizeGreaterThan(20);
        assertThat(keys).containsAll(used);
        for (ReasonCode c : ReasonCode.values()) {
            assertThat(keys).contains("rule." + c);
        }
        for (String outcome : List.of("PASS", "REVIEW", "REJECT")) {
            assertThat(keys).contains("outcome." + outcome);
        }
    }

    @Test
    void thePage_hasNoInlineScriptOrStyle_andItsScriptsNoOtherOriginAndNoInnerHtml() throws IOException {
        String html = Files.readString(STATIC.resolve("index.html"));
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        assertThat(html).doesNotContain(" style=", "onclick=", "onload=");
        for (Path js : scripts()) {
            assertThat(Files.readString(js)).as(js.toString())
                    .doesNotContain("http://127", "https://", "eval(", "innerHTML", "localStorage", "sessionStorage");
        }
    }

    @Test
    void aReviewerInScope_getsThePhotoAndBurstDecrypted_notStored_andEveryoneElseNotFound() {
        Hierarchy here = hierarchy();
        Hierarchy there = hierarchy();
        ReviewSeeds.Sent sent = ReviewSeeds.inReview(admin, here);
        Api reviewer = ReviewSeeds.reviewer(anonymous, admin, here);
        Api otherDistrict = ReviewSeeds.reviewer(anonymous, admin, there);
        String base = "/api/v1/enrollments/" + sent.submissionId();

        Api.Bytes photo = reviewer.bytes(base + "/photo");
        assertThat(photo.status()).isEqualTo(200);
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        assertThat(photo.cacheControl()).isEqualTo("no-store");
        assertThat(photo.body()).isEqualTo(sent.photo());
        for (int n = 0; n < sent.burst().size(); n++) {
            Api.Bytes frame = reviewer.bytes(base + "/burst/" + n);
            assertThat(frame.status()).isEqualTo(200);
            assertThat(frame.cacheControl()).isEqualTo("no-store");
            assertThat(frame.body()).as("frame %d", n).isEqualTo(sent.burst().get(n));
        }
        assertThat(reviewer.bytes(base + "/burst/" + sent.burst().size()).status()).isEqualTo(404);
        for (int n = 0; n < 2; n++) {
            Api.Bytes face = reviewer.bytes(base + "/faces/" + n);
            assertThat(face.status()).as("counted face %d", n).isEqualTo(200);
            assertThat(face.contentType()).isEqualTo("image/png");
            assertThat(face.cacheControl()).isEqualTo("no-store");
        }
        assertThat(reviewer.bytes(base + "/faces/2").status()).as("only two faces were counted").isEqualTo(404);
        assertThat(otherDistrict.bytes(base + "/faces/0").status()).isEqualTo(404);
        assertThat(here.worker().bytes(base + "/faces/0").status()).isEqualTo(404);
        assertThat(admin.bytes(base + "/photo").status()).isEqualTo(200);

        assertThat(here.worker().bytes(base + "/photo").status()).as("the worker who sent it").isEqualTo(404);
        assertThat(here.worker().bytes(base + "/burst/0").status()).isEqualTo(404);
        assertThat(otherDistrict.bytes(base + "/photo").status()).as("another district's reviewer").isEqualTo(404);
        assertThat(otherDistrict.bytes(base + "/burst/0").status()).isEqualTo(404);
        assertThat(anonymous.bytes(base + "/photo").status()).isEqualTo(401);
        assertThat(reviewer.bytes("/api/v1/enrollments/" + java.util.UUID.randomUUID() + "/photo").status())
                .isEqualTo(404);
    }

    @Test
    void anOpenedCase_hasTheEvidencePositionAndBooth_inScopeOnly() {
        Hierarchy here = hierarchy();
        ReviewSeeds.Sent sent = ReviewSeeds.inReview(admin, here);
        Api reviewer = ReviewSeeds.reviewer(anonymous, admin, here);
        Api otherDistrict = ReviewSeeds.reviewer(anonymous, admin, hierarchy());

        Api.Response opened = reviewer.get("/api/v1/reviews/" + sent.submissionId());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        JsonNode c = opened.json();
        assertThat(c.get("enrollment").get("status").asText()).isEqualTo("REVIEW");
        assertThat(c.get("enrollment").get("reasons").findValuesAsText("code")).contains("LIVENESS", "FIELD_PRESENCE");
        assertThat(c.get("member").get("nameHi").asText()).isEqualTo("सुनीता देवी");
        assertThat(c.get("position").get("latitude").asDouble()).isEqualTo(23.26);
        assertThat(c.get("position").get("accuracyMeters").asDouble()).isEqualTo(8);
        assertThat(c.get("booth").get("id").asLong()).isEqualTo(here.boothId());
        assertThat(c.get("booth").get("radiusMeters").asDouble()).isEqualTo(200);
        assertThat(c.get("burstFrames").asInt()).isEqualTo(3);
        assertThat(otherDistrict.get("/api/v1/reviews/" + sent.submissionId()).status()).isEqualTo(404);
        assertThat(here.worker().get("/api/v1/reviews/" + sent.submissionId()).status()).isEqualTo(404);
    }

    @Test
    void aRejectionNeedsAComment_anAcceptDoesNot() {
        Hierarchy here = hierarchy();
        ReviewSeeds.Sent toReject = ReviewSeeds.inReview(admin, here);
        ReviewSeeds.Sent toAccept = ReviewSeeds.inReview(admin, here);
        Api reviewer = ReviewSeeds.reviewer(anonymous, admin, here);

        Api.Response bare = reviewer.post("/api/v1/reviews/" + toReject.submissionId(), "{\"decision\": \"REJECT\", \"note\": \" \"}");
        assertThat(bare.status()).as(bare.toString()).isEqualTo(422);
        assertThat(bare.json().get("code").asText()).isEqualTo("FIELD_INVALID");
        Api.Response accepted = reviewer.post("/api/v1/reviews/" + toAccept.submissionId(), "{\"decision\": \"ACCEPT\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(reviewer.get("/api/v1/reviews").json().findValuesAsText("submissionId"))
                .contains(toReject.submissionId()).doesNotContain(toAccept.submissionId());
    }

    static List<Path> scripts() throws IOException {
        return PageSources.scripts(STATIC);
    }

    static Set<String> keys(JsonNode catalogue) {
        return PageSources.keys(catalogue);
    }
}
