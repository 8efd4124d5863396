package org.sadasya.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.SadasyaApplication;
import org.sadasya.member.JdbcMemberRepository;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;
import org.sadasya.testsupport.ServiceTestConfig;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A reviewer's accept issues the member through the verifier's use case, with its last duplicate
 * check: two enrolments of one face, both in REVIEW, both accepted — one member, and the second stays
 * in REVIEW with a 409 naming the first one's member. On a fresh server per database (H2 and
 * PostgreSQL), so that no other test's member shares the scripted face.
 */
class ReviewerAcceptDuplicateTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoEnrolmentsOfOneFace_bothAccepted_issueOneMember(Kind kind) {
        String schema = kind == Kind.POSTGRESQL ? Databases.newPostgresSchema() : null;
        try (ConfigurableApplicationContext ctx = start(schema)) {
            Api anonymous = new Api(((WebServerApplicationContext) ctx).getWebServer().getPort());
            Api admin = anonymous.login("admin", "dup-admin-pw");
            Hierarchy h = Hierarchy.create(anonymous, admin, 1);
            String first = ReviewSeeds.inReview(admin, h, 7, "Sunita Devi").submissionId();
            String second = ReviewSeeds.inReview(admin, h, 7, "Sunita D.").submissionId();
            Api reviewer = ReviewSeeds.reviewer(anonymous, admin, h);

            Api.Response accepted = reviewer.post("/api/v1/reviews/" + first, "{\"decision\": \"ACCEPT\"}");
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
            String memberId = accepted.json().get("memberId").asText();
            Api.Response again = reviewer.post("/api/v1/reviews/" + second, "{\"decision\": \"ACCEPT\", \"note\": \"ok\"}");

            assertThat(again.status()).as(again.toString()).isEqualTo(409);
            assertThat(again.json().get("code").asText()).isEqualTo("DUPLICATE_MEMBER");
            assertThat(again.json().get("memberId").asText()).isEqualTo(memberId);
            assertThat(ctx.getBean(JdbcMemberRepository.class).count()).isEqualTo(1);
            JsonNode stays = reviewer.get("/api/v1/reviews/" + second).json();
            assertThat(stays.get("enrollment").get("status").asText()).isEqualTo("REVIEW");
            JsonNode duplicate = reasons(stays, "DUPLICATE_FACE").get(0);
            assertThat(duplicate.get("outcome").asText()).isEqualTo("REJECT");
            assertThat(duplicate.get("evidence").get("matchedMemberId").asText()).isEqualTo(memberId);
            assertThat(stays.get("history").findValuesAsText("event")).containsExactly("VERDICT", "ACCEPT_REFUSED");
            assertThat(reviewer.get("/api/v1/reviews").json().findValuesAsText("submissionId")).contains(second);

            // the reviewer then rejects it as the duplicate it is
            Api.Response rejected = reviewer.post("/api/v1/reviews/" + second,
                    "{\"decision\": \"REJECT\", \"note\": \"already member " + memberId + "\"}");
            assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
            assertThat(rejected.json().get("status").asText()).isEqualTo("REJECTED");
        } finally {
            if (schema != null) {
                Databases.dropPostgresSchema(schema);
            }
        }
    }

    static List<JsonNode> reasons(JsonNode reviewCase, String code) {
        List<JsonNode> out = new ArrayList<>();
        reviewCase.get("enrollment").get("reasons").forEach(r -> {
            if (r.get("code").asText().equals(code)) {
                out.add(r);
            }
        });
        return out;
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    ConfigurableApplicationContext start(String postgresSchema) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--sadasya.data-dir=" + dataDir,
                "--sadasya.admin-password=dup-admin-pw", "--sadasya.verifier.poll=50ms"));
        if (postgresSchema != null) {
            args.addAll(List.of("--spring.datasource.url=" + Databases.PG_URL + "?currentSchema=" + postgresSchema,
                    "--spring.datasource.username=" + Databases.PG_USER, "--spring.datasource.password=",
                    "--sadasya.image-key=" + randomKey(), "--sadasya.challenge-key=" + randomKey(),
                    "--sadasya.card-key=" + org.sadasya.card.CardSigningKey.generate().toJSONString()));
        }
        return new SpringApplicationBuilder(SadasyaApplication.class, ServiceTestConfig.class).run(args.toArray(String[]::new));
    }
}
