package org.sadasya.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.SadasyaApplication;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.ServiceTestConfig;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The prod profile: no start on the embedded defaults, and the development endpoints closed. */
class ProductionProfileTest {

    @TempDir
    Path dataDir;

    static String key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    ConfigurableApplicationContext start(String... extra) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=prod", "--server.port=0",
                "--sadasya.data-dir=" + dataDir, "--sadasya.admin-password=prod-admin-password"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(SadasyaApplication.class, ServiceTestConfig.class).run(args.toArray(String[]::new));
    }

    @Test
    void onTheEmbeddedDefaults_itRefusesToStart_namingEachReason_andLeavesNoKeyFileBehind() throws Exception {
        assertThatThrownBy(() -> start("--sadasya.demo=true"))
                .hasStackTraceContaining("The prod profile refuses to start")
                .hasStackTraceContaining("embedded H2")
                .hasStackTraceContaining("sadasya.image-key is not set (SADASYA_IMAGE_KEY)")
                .hasStackTraceContaining("sadasya.challenge-key is not set (SADASYA_CHALLENGE_KEY)")
                .hasStackTraceContaining("sadasya.card-key is not set (SADASYA_CARD_KEY)")
                .hasStackTraceContaining("sadasya.demo is on");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).doesNotContain("image.key", "challenge.key", "card.jwk", "db");
        }
    }

    @Test
    void onPostgresWithItsKeys_itServes_withApiDocsAndMetricsClosed() throws Exception {
        String schema = Databases.newPostgresSchema();
        try (ConfigurableApplicationContext ctx = start(
                "--spring.datasource.url=" + Databases.PG_URL + "?currentSchema=" + schema,
                "--spring.datasource.username=" + Databases.PG_USER, "--spring.datasource.password=",
                "--sadasya.image-key=" + key(), "--sadasya.challenge-key=" + key(),
                "--sadasya.card-key=" + org.sadasya.card.CardSigningKey.generate().toJSONString())) {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            assertThat(status(port, "/actuator/health")).isEqualTo(200);
            assertThat(status(port, "/v3/api-docs")).isEqualTo(404);
            assertThat(status(port, "/swagger-ui.html")).isEqualTo(404);
            assertThat(status(port, "/actuator/prometheus")).isEqualTo(401);
        } finally {
            Databases.dropPostgresSchema(schema);
        }
    }

    static int status(int port, String path) throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        return r.statusCode();
    }
}
