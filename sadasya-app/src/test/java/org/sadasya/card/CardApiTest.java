package org.sadasya.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;

/**
 * Membership cards through the API on H2: a member accepted by a reviewer gets a card whose QR
 * code (read with ZXing) opens a verification page that says valid; a changed token is refused, a
 * revoked member's token says revoked; only reviewers and admins in scope get cards.
 */
class CardApiTest extends AppServerTest {

    record Member(Hierarchy h, Api reviewer, String code) {}

    Member acceptedMember() {
        Hierarchy h = hierarchy();
        ReviewSeeds.Sent sent = ReviewSeeds.outsideTheBooth(admin, h);
        Api reviewer = ReviewSeeds.reviewer(anonymous, admin, h);
        Api.Response accepted = reviewer.post("/api/v1/reviews/" + sent.submissionId(),
                "{\"decision\": \"ACCEPT\", \"note\": \"seen the booth\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        String code = accepted.json().get("memberId").asText();
        assertThat(code).startsWith("MP-");
        return new Member(h, reviewer, code);
    }

    @Test
    void aCardsQrCode_opensTheVerificationPage_whichSaysValid_andShowsOnlyNameIdAndBooth() throws Exception {
        Member m = acceptedMember();
        Api.Bytes png = card(m, "png", "image/png");
        BufferedImage card = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertThat(card.getWidth()).isEqualTo(CardRenderer.WIDTH);

        String url = QrReading.text(card);
        assertThat(url).startsWith("http://127.0.0.1:" + port + "/verify/");
        Api.Response page = anonymous.get(URI.create(url).getPath());
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("मान्य", "Valid", m.code(), "सुनीता देवी", "Sunita Devi",
                "data-status=\"VALID\"");
        assertThat(page.body()).as("nothing beyond name, id and booth")
                .doesNotContain("96", "RVW", "epic", "mobile", "<script", " style=");

        var headers = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(url))
                .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).headers();
        assertThat(headers.firstValue("Content-Security-Policy"))
                .contains(org.sadasya.config.SecurityConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(headers.firstValue("Cache-Control")).contains("no-store");
        assertThat(anonymous.get("/card/verify.css").status()).isEqualTo(200);

        JsonNode audit = admin.get("/api/v1/audit?entityType=member&entityId=" + m.code()).json();
        assertThat(audit.findValuesAsText("action")).contains("MEMBER_CARD_MADE");
        JsonNode made = null;
        for (JsonNode e : audit) {
            if (e.get("action").asText().equals("MEMBER_CARD_MADE")) {
                made = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.get("detail").asText());
            }
        }
        assertThat(made.get("face").asBoolean()).as("the face box was kept at decision").isTrue();
        assertThat(made.get("format").asText()).isEqualTo("png");
    }

    @Test
    void aTokenWithOneCharacterChanged_orMalformed_isRefusedWith400() throws Exception {
        Member m = acceptedMember();
        String token = token(m);
        for (int i : new int[] {3, token.indexOf('.') + 5, token.lastIndexOf('.') + 10, token.length() - 1}) {
            char c = token.charAt(i);
            String changed = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            Api.Response page = anonymous.get("/verify/" + changed);
            assertThat(page.status()).as("changed at %d", i).isEqualTo(400);
            assertThat(page.body()).contains("मान्य नहीं", "Not valid").doesNotContain(m.code(), "Sunita");
        }
        assertThat(anonymous.get("/verify/not-a-token").status()).isEqualTo(400);
        assertThat(anonymous.get("/verify/" + token).status()).isEqualTo(200);
    }

    @Test
    void thePdf_isOnePage_whoseQrCodeVerifies() throws Exception {
        Member m = acceptedMember();
        Api.Bytes pdf = card(m, "pdf", "application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, CardRenderer.DPI, ImageType.RGB);
            assertThat(anonymous.get(URI.create(QrReading.text(page)).getPath()).status()).isEqualTo(200);
        }
    }

    @Test
    void anAdminRevokes_withAReason_andTheTokenThenSaysRevoked_andNoNewCardIsMade() throws Exception {
        Member m = acceptedMember();
        String token = token(m);
        String revoke = "/api/v1/members/" + m.code() + "/revoke";

        assertThat(m.reviewer().post(revoke, "{\"reason\": \"duplicate\"}").status()).as("a reviewer").isEqualTo(403);
        Api.Response noReason = admin.post(revoke, "{\"reason\": \"  \"}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("code").asText()).isEqualTo("FIELD_INVALID");
        assertThat(admin.post(revoke, "{\"reason\": \"enrolled twice under two EPICs\"}").status()).isEqualTo(204);
        Api.Response again = admin.post(revoke, "{\"reason\": \"again\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("ALREADY_REVOKED");

        Api.Response page = anonymous.get("/verify/" + token);
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.body()).contains("रद्द", "Revoked", m.code(), "data-status=\"REVOKED\"")
                .doesNotContain("enrolled twice");
        Api.Response card = m.reviewer().get("/api/v1/members/" + m.code() + "/card.png");
        assertThat(card.status()).isEqualTo(409);
        assertThat(card.json().get("code").asText()).isEqualTo("MEMBER_REVOKED");

        JsonNode audit = admin.get("/api/v1/audit?entityType=member&entityId=" + m.code()).json();
        assertThat(audit.findValuesAsText("action")).contains("MEMBER_REVOKED");
    }

    @Test
    void cards_areForReviewersAndAdminsInScope_only() {
        Member m = acceptedMember();
        Api otherDistrict = ReviewSeeds.reviewer(anonymous, admin, hierarchy());
        String base = "/api/v1/members/" + m.code();

        assertThat(admin.bytes(base + "/card.png").status()).isEqualTo(200);
        assertThat(otherDistrict.bytes(base + "/card.png").status()).as("another district's reviewer").isEqualTo(404);
        assertThat(otherDistrict.bytes(base + "/card.pdf").status()).isEqualTo(404);
        assertThat(m.h().worker().bytes(base + "/card.png").status()).as("a worker").isEqualTo(403);
        assertThat(m.h().worker().bytes(base + "/card.pdf").status()).isEqualTo(403);
        assertThat(anonymous.bytes(base + "/card.png").status()).isEqualTo(401);
        assertThat(m.reviewer().bytes("/api/v1/members/MP-9999999/card.png").status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/members/MP-9999999/revoke", "{\"reason\": \"x\"}").status()).isEqualTo(404);
    }

    /** The card as the member's reviewer gets it: 200, its type, never cached. */
    private static Api.Bytes card(Member m, String format, String type) {
        Api.Bytes b = m.reviewer().bytes("/api/v1/members/" + m.code() + "/card." + format);
        assertThat(b.status()).isEqualTo(200);
        assertThat(b.contentType()).isEqualTo(type);
        assertThat(b.cacheControl()).isEqualTo("no-store");
        return b;
    }

    private String token(Member m) throws Exception {
        Api.Bytes png = m.reviewer().bytes("/api/v1/members/" + m.code() + "/card.png");
        String url = QrReading.text(ImageIO.read(new ByteArrayInputStream(png.body())));
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
