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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.StandardEnvironment;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.SadasyaApplication;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.ServiceTestConfig;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The prod profile: no start on the embedded defaults, the development endpoints closed, JSON logs. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTest {

    @TempDir
    Path dataDir;

    /**
     * The prod context switched this test JVM's logging to JSON, and Spring keeps such settings in
     * system properties; later tests in the JVM (the command-line ones read stdout) expect plain
     * logging, so it is set up again as a fresh JVM would have it.
     */
    @AfterAll
    static void plainLoggingAgain() throws java.io.IOException {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.contains("STRUCTURED"))
                .forEach(System::clearProperty);
        StandardEnvironment env = new StandardEnvironment();
        new org.springframework.boot.env.YamlPropertySourceLoader()
                .load("application", new org.springframework.core.io.ClassPathResource("application.yml"))
                .forEach(env.getPropertySources()::addLast);
        LoggingSystem logging = LoggingSystem.get(ProductionProfileTest.class.getClassLoader());
        logging.cleanUp();
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(env), null, null);
        logging.cleanUp(); // configured, but free for the next context to configure again
    }

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
    void onPostgresWithItsKeys_itServes_withApiDocsAndMetricsClosed_andLogsJson(CapturedOutput output) throws Exception {
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
            assertThat(requestId(port, "proxy-id-1234567")).isEqualTo("proxy-id-1234567");
            String replaced = requestId(port, "bad id; INFO forged line");
            assertThat(replaced).matches("[0-9a-f-]{36}");
        } finally {
            Databases.dropPostgresSchema(schema);
        }
        // structured logs: each line of the prod service's output is one JSON object
        String lastLine = output.getOut().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(lastLine).has("@timestamp")).isTrue();
    }

    static String requestId(int port, String given) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).GET()
                .header("X-Request-Id", given);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("X-Request-Id").orElseThrow();
    }

    static int status(int port, String path) throws Exception {
        HttpResponse<Void> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        return r.statusCode();
    }
}
