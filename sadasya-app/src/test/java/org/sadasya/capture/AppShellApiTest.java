package org.sadasya.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sadasya.enrollment.EnrollmentData;
import org.sadasya.enrollment.EnrollmentStatus;
import org.sadasya.face.challenge.ChallengeStep;

import org.sadasya.decision.ReasonCode;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.PageSources;

/**
 * The capture app as the server serves it: public shell files with a strict Content-Security-Policy,
 * the text catalogues in both languages with the intake's rules, the service worker's file list,
 * and the page's own limits (no inline script, no third-party origin, no file input, JS budget).
 */
class AppShellApiTest extends AppServerTest {

    static final Path STATIC = Path.of("src/main/resources/static/app");
    /** The budget for the app's own JavaScript. */
    static final long OWN_JS_BUDGET_BYTES = 50 * 1024;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> fetch(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theShell_isPublic_withACspThatAllowsNoInlineScriptAndNoOtherOrigin() throws Exception {
        HttpResponse<String> page = fetch("/app/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"capture-start\"");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'", "img-src 'self' blob:", "object-src 'none'",
                "frame-ancestors 'none'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Permissions-Policy").orElseThrow()).contains("camera=(self)");
        assertThat(fetch("/app").statusCode()).isEqualTo(302);
        assertThat(fetch("/api/v1/me").headers().firstValue("Content-Security-Policy")).isPresent();
    }

    /**
     * A shell file may be kept but must be revalidated: the service worker's precache after the page's
     * own load then costs a 304, not a second download, and a new shell is seen on the next visit.
     */
    void assertRevalidatedNotStored(String path) throws Exception {
        HttpResponse<String> first = fetch(path);
        String cache = first.headers().firstValue("Cache-Control").orElse("");
        assertThat(cache).as(path).contains("no-cache").doesNotContain("no-store");
        HttpRequest.Builder again = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        first.headers().firstValue("ETag").ifPresent(tag -> again.header("If-None-Match", tag));
        first.headers().firstValue("Last-Modified").ifPresent(at -> again.header("If-Modified-Since", at));
        assertThat(first.headers().firstValue("ETag").or(() -> first.headers().firstValue("Last-Modified")))
                .as(path + " has a validator").isPresent();
        HttpResponse<String> second = http.send(again.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(second.statusCode()).as(path + " unchanged").isEqualTo(304);
        assertThat(second.body()).isEmpty();
    }

    @Test
    void theServiceWorker_listsEveryShellFile_andEachIsServed() throws Exception {
        HttpResponse<String> sw = fetch("/app/sw.js");

        assertThat(sw.statusCode()).isEqualTo(200);
        assertThat(sw.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        Matcher files = Pattern.compile("const SHELL_FILES = (\\[.*?]);").matcher(sw.body());
        assertThat(files.find()).as(sw.body()).isTrue();
        JsonNode list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(files.group(1));
        List<String> paths = new ArrayList<>();
        list.forEach(f -> paths.add(f.asText()));
        assertThat(paths).contains("./", "index.html", "app.css", "js/main.js", "i18n/hi.json", "i18n/en.json",
                "manifest.webmanifest", "icons/icon-192.png");
        for (String p : paths) {
            assertThat(fetch("/app/" + p.replace("./", "")).statusCode()).as(p).isEqualTo(200);
        }
        assertThat(sw.body()).containsPattern("const VERSION = '[0-9a-f]{16}'");
        for (String p : paths) {
            assertRevalidatedNotStored("/app/" + p.replace("./", ""));
        }
        assertThat(fetch("/api/v1/me").headers().firstValue("Cache-Control").orElseThrow())
                .as("API answers are never stored").contains("no-store");
        assertThat(fetch("/app/manifest.webmanifest").headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/manifest+json");
    }

    @Test
    void catalogues_haveTheSameKeysInHindiAndEnglish_andTheIntakesFormatRules() {
        JsonNode hi = anonymous.get("/app/i18n/hi.json").json();
        JsonNode en = anonymous.get("/app/i18n/en.json").json();

        assertThat(keys(hi)).isNotEmpty().isEqualTo(keys(en));
        assertThat(hi.get("lang").asText()).isEqualTo("hi");
        assertThat(hi.get("messages").get("home.new").asText()).isEqualTo("नया नामांकन");
        assertThat(en.get("messages").get("home.new").asText()).isEqualTo("New enrolment");
        assertThat(hi.get("rules").get("epic").asText()).isEqualTo(EnrollmentData.EPIC.pattern());
        assertThat(hi.get("rules").get("mobile").asText()).isEqualTo(EnrollmentData.MOBILE.pattern());
        assertThat(hi.get("rules").get("minAge").asInt()).isEqualTo(18);
        assertThat(anonymous.get("/app/i18n/fr.json").status()).isEqualTo(404);
    }

    @Test
    void everyKeyThePageAndItsScriptsName_isInTheCatalogue() throws IOException {
        Set<String> keys = keys(anonymous.get("/app/i18n/en.json").json());
        Set<String> used = PageSources.keysNamed(STATIC.resolve("index.html"), scripts(),
                "app|capture|cancel|err|fix|form|home|login|logout|problem|reason|status|step");
        assertThat(used).hasSizeGreaterThan(40);
        assertThat(keys).containsAll(used);
        // keys the scripts build from codes
        for (EnrollmentStatus s : EnrollmentStatus.values()) {
            assertThat(keys).contains("status." + s);
        }
        assertThat(keys).contains("status.QUEUED", "status.NEEDS_CORRECTION");
        for (ChallengeStep s : ChallengeStep.values()) {
            assertThat(keys).contains("step." + s);
        }
        for (ReasonCode c : ReasonCode.values()) {
            assertThat(keys).as(c.name()).containsAnyOf("reason." + c + ".REJECT", "reason." + c + ".REVIEW");
        }
    }

    @Test
    void thePage_hasNoInlineScriptNoInlineStyleNoFileInputAndNoOtherOrigin_andItsOwnJsIsUnderBudget() throws IOException {
        String html = Files.readString(STATIC.resolve("index.html"));
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        assertThat(html).doesNotContain(" style=", "onclick=", "onload=", "type=\"file\"", "capture=");
        long jsBytes = 0;
        for (Path js : scripts()) {
            String source = Files.readString(js);
            assertThat(source).as(js.toString()).doesNotContain("http://", "https://", "eval(", "type = 'file'",
                    "innerHTML");
            jsBytes += Files.size(js);
        }
        jsBytes += getClass().getResourceAsStream("/org/sadasya/capture/sw.js").readAllBytes().length;
        System.out.printf("capture app: own JavaScript %d bytes (%d files + service worker)%n", jsBytes, scripts().size());
        assertThat(jsBytes).isLessThan(OWN_JS_BUDGET_BYTES);
    }

    static List<Path> scripts() throws IOException {
        return PageSources.scripts(STATIC);
    }

    static Set<String> keys(JsonNode catalogue) {
        return PageSources.keys(catalogue);
    }

}
