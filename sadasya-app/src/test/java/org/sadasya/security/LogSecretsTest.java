package org.sadasya.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Challenges;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A whole flow — logins (one with a wrong password), a challenge ticket, an enrolment with photo and
 * burst, a broken upload, the decision, a reviewer's accept, a logout — and then everything the
 * service printed is searched for what must never be in a log: passwords, bearer tokens, the ticket
 * signature, the keys, image bytes in any usual text form, and embedding-like runs of numbers.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogSecretsTest extends AppServerTest {

    /** 16 or more decimals in a row, as a printed embedding would look. */
    static final Pattern NUMBER_RUN = Pattern.compile("(-?\\d\\.\\d{3,}[,;\\s]+){16,}");

    @Value("${sadasya.data-dir}")
    Path dataDir;

    @Test
    void aFullFlow_logsNoPasswordTokenKeyImageOrEmbedding(CapturedOutput output) throws Exception {
        Hierarchy h = hierarchy();
        Api reviewer = ReviewSeeds.reviewer(anonymous, admin, h);
        Api.Response wrong = anonymous.post("/api/v1/auth/token",
                "{\"username\": \"%s\", \"password\": \"wrong-secret-pw-77\"}".formatted(workerMobile(h)));
        assertThat(wrong.status()).isEqualTo(401);
        String signature = Challenges.ticket(h.worker()).get("signature").asText();
        ReviewSeeds.Sent sent = ReviewSeeds.inReview(admin, h);
        Api.Response broken = h.worker().multipart("/api/v1/enrollments", Api.enrolment(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2},
                "{\"submissionId\": \"not-a-uuid\"}"));
        assertThat(broken.status()).isBetween(400, 499);
        Api.Response accepted = reviewer.post("/api/v1/reviews/" + sent.submissionId(), "{\"decision\": \"ACCEPT\"}");
        assertThat(accepted.status()).as(accepted.toString()).isBetween(200, 299);
        Api.Bytes card = reviewer.bytes("/api/v1/members/" + accepted.json().get("memberId").asText() + "/card.png");
        assertThat(card.status()).isEqualTo(200);
        String cardUrl = org.sadasya.card.QrReading.text(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(card.body())));
        assertThat(anonymous.get(java.net.URI.create(cardUrl).getPath()).status()).isEqualTo(200);
        assertThat(h.worker().post("/api/v1/auth/logout", "{}").status()).isEqualTo(204);

        String log = output.getAll();
        assertThat(log).as("the flow was logged at all").contains(sent.submissionId());
        // intake's line names its request and its enrolment (MDC), the verifier's its enrolment
        assertThat(Pattern.compile("INFO \\[[0-9a-f-]{36} " + sent.submissionId() + "\\].*enrolment " + sent.submissionId()
                + " received").matcher(log).find()).as("intake's log line with request and submission id").isTrue();
        assertThat(Pattern.compile("INFO \\[ " + sent.submissionId() + "\\].*enrolment " + sent.submissionId() + " decided")
                .matcher(log).find()).as("the verifier's log line with the submission id").isTrue();

        List<String> secrets = new ArrayList<>(List.of(ADMIN_PASSWORD, "worker-pw-1", "review-pw-1", "wrong-secret-pw-77",
                admin.token(), h.worker().token(), reviewer.token(), signature,
                cardUrl.substring(cardUrl.lastIndexOf('/') + 1).split("\\.")[2]));
        for (String keyFile : List.of("image.key", "challenge.key")) {
            Path file = dataDir.resolve(keyFile);
            if (Files.exists(file)) {
                secrets.add(Files.readString(file).strip());
            }
        }
        Path cardKey = dataDir.resolve("card.jwk");
        if (Files.exists(cardKey)) {
            secrets.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(cardKey)).get("d").asText());
        }
        for (byte[] image : imagesOf(sent)) {
            byte[] head = java.util.Arrays.copyOfRange(image, 0, Math.min(image.length, 48));
            secrets.add(Base64.getEncoder().encodeToString(head).substring(0, 40));
            secrets.add(Base64.getUrlEncoder().encodeToString(head).substring(0, 40));
            secrets.add(HexFormat.of().formatHex(head).substring(0, 40));
        }
        for (String secret : secrets) {
            assertThat(log).as("the log holds a secret (%d chars)", secret.length()).doesNotContain(secret);
        }
        assertThat(NUMBER_RUN.matcher(log).find()).as("an embedding-like run of numbers in the log").isFalse();
    }

    private static List<byte[]> imagesOf(ReviewSeeds.Sent sent) {
        List<byte[]> all = new ArrayList<>(sent.burst());
        all.add(sent.photo());
        return all;
    }
}
