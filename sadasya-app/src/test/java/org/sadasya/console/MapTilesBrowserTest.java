package org.sadasya.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.ConsolePage;
import org.sadasya.testsupport.HeadlessChromium;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A map under the GPS plot where a tile source is configured: the tile origin joins the
 * Content-Security-Policy's img-src (and nothing else does), the console draws the Web Mercator
 * tiles around the booth at a zoom that fits the plot, and the browser loads them from that origin.
 * The tile source is a local HTTP server on another port (another origin), serving a plain PNG.
 */
class MapTilesBrowserTest extends AppServerTest {

    static final HttpServer TILES;
    static final List<String> REQUESTED = new CopyOnWriteArrayList<>();
    static final String ATTRIBUTION = "Tiles: test source";

    static {
        try {
            TILES = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] png = plainPng();
            TILES.createContext("/", exchange -> {
                REQUESTED.add(exchange.getRequestURI().getPath());
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, png.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(png);
                }
            });
            TILES.start();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static String tileOrigin() {
        return "http://127.0.0.1:" + TILES.getAddress().getPort();
    }

    @DynamicPropertySource
    static void tiles(DynamicPropertyRegistry r) {
        r.add("sadasya.map-tiles.url", () -> tileOrigin() + "/{z}/{x}/{y}.png");
        r.add("sadasya.map-tiles.attribution", () -> ATTRIBUTION);
    }

    @AfterAll
    static void stopTiles() {
        TILES.stop(0);
    }

    static byte[] plainPng() throws IOException {
        BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(0xdde8d0));
        g.fillRect(0, 0, 256, 256);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** The Web Mercator tile holding a point, at zoom z (the slippy-map formula). */
    static String tileOf(double latitude, double longitude, int z) {
        double n = Math.pow(2, z);
        double lat = Math.toRadians(latitude);
        int x = (int) Math.floor((longitude + 180) / 360 * n);
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);
        return z + "/" + x + "/" + y;
    }

    @Test
    void theConsoleDrawsTheBoothsTiles_fromTheConfiguredOriginOnly_withTheAttribution() throws Exception {
        String csp = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/console/")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("img-src 'self' blob: " + tileOrigin() + ";");
        assertThat(csp.replace("img-src 'self' blob: " + tileOrigin() + ";", ""))
                .as("the tile origin is allowed for images only").doesNotContain(tileOrigin());
        Api.Response settings = anonymous.get("/console/settings.json");
        assertThat(settings.json().get("mapTiles").get("url").asText()).isEqualTo(tileOrigin() + "/{z}/{x}/{y}.png");

        Hierarchy here = hierarchy();
        String id = ReviewSeeds.inReview(admin, here).submissionId();
        ReviewSeeds.reviewer(anonymous, admin, here);
        HeadlessChromium.require();
        ChromeDriver driver = HeadlessChromium.start(null, Files.createTempDirectory("sadasya-tiles"));
        try {
            ConsolePage page = new ConsolePage(driver, anonymous, port).openAndLogIn("reviewer" + here.n(), "review-pw-1");
            page.awaitTrue("the queue lists the enrolment", "return !!document.querySelector('#review-queue li[data-submission-id=\""
                    + id + "\"]')");
            page.openItem(id);
            page.awaitTrue("tiles drawn under the plot", "return document.querySelectorAll('#evidence-map image.tile').length > 0");
            @SuppressWarnings("unchecked")
            List<String> drawn = (List<String>) page.js(
                    "return [...document.querySelectorAll('#evidence-map image.tile')].map(i => i.dataset.tile)");
            int z = Integer.parseInt(drawn.get(0).split("/")[0]);
            // the plot spans a few hundred metres around a 200 m booth: a street-level zoom
            assertThat(z).isBetween(14, 18);
            JsonNodeBooth booth = booth(here);
            assertThat(drawn).as("the booth's own tile is among them").contains(tileOf(booth.latitude, booth.longitude, z));
            assertThat(drawn).hasSizeBetween(1, 9);
            page.wait.withMessage("the browser loaded each tile from the tile origin").until(d -> drawn.stream()
                    .allMatch(t -> REQUESTED.contains("/" + t + ".png")));
            assertThat(page.el("evidence-map-attribution").getText()).isEqualTo(ATTRIBUTION);
            page.inBothLanguages(Set.of(ATTRIBUTION, "Sunita Devi", "सुनीता देवी", "Booth 1"));
        } finally {
            driver.quit();
        }
    }

    record JsonNodeBooth(double latitude, double longitude) {}

    JsonNodeBooth booth(Hierarchy h) {
        var b = admin.get("/api/v1/org-units/" + h.boothId()).json();
        return new JsonNodeBooth(b.get("latitude").asDouble(), b.get("longitude").asDouble());
    }
}
