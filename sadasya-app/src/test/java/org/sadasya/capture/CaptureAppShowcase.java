package org.sadasya.capture;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.sadasya.testsupport.HeadlessChromium;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;

/**
 * Screenshots of the capture app for the README (360 × 640) and its page weight, on demand:
 * {@code mvn -pl sadasya-app -am test -Dtest=CaptureAppShowcase -Dsurefire.failIfNoSpecifiedTests=false}
 * (not part of {@code mvn verify}: the name does not end in Test). No photo of ../shared/data may be
 * published (their SOURCE files say so), so the fake camera films a synthetic pattern, not a face.
 * Page weight: bytes the server sent through the loopback proxy, cold (empty profile) and repeated
 * (service worker), on DevTools' 400 kbit/s, 400 ms round-trip profile; times are printed, never asserted.
 */
class CaptureAppShowcase extends AppServerTest {

    static final Path OUT = Path.of(System.getProperty("sadasya.screenshots", "../docs/screenshots"));

    static BufferedImage pattern(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x2b4c7e), width, height, new Color(0xe7a15a)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(255, 255, 255, 90));
        for (int x = -height; x < width; x += 48) {
            g.fillPolygon(new int[] {x, x + 24, x + 24 + height, x + height}, new int[] {0, 0, height, height}, 4);
        }
        g.dispose();
        return image;
    }

    @Test
    void screenshotsAndPageWeight() throws Exception {
        Path work = Files.createTempDirectory("sadasya-showcase");
        Path camera = Y4mVideo.write(work.resolve("pattern.y4m"), 640, 480, 10, List.of(pattern(640, 480)));
        Files.createDirectories(OUT);
        try (LoopbackProxy network = new LoopbackProxy(port)) {
            ChromeDriver driver = HeadlessChromium.start(camera, work.resolve("profile"));
            try {
                AppPage app = new AppPage(driver, "http://127.0.0.1:" + network.port());
                driver.executeCdpCommand("Network.enable", Map.of());
                throttle(driver, true);
                network.resetCounters();
                app.open();
                double coldMs = readyMs(app);
                app.awaitServiceWorker();
                long coldBytes = network.bytesToBrowser();
                HeadlessChromium.fakeLocation(driver, app.base, 23.2601, 77.4127, 12);
                shot(driver, "login");

                Hierarchy h = hierarchy();
                throttle(driver, false);
                app.login(AppServerTest.workerMobile(h), "worker-pw-1");
                app.await("tickets", () -> app.ticketStock() >= 2, Duration.ofSeconds(20));
                throttle(driver, true);
                network.resetCounters();
                app.reload();
                double repeatMs = readyMs(app);
                long repeatBytes = network.bytesToBrowser();
                throttle(driver, false);
                System.out.printf("capture app page weight: cold load %d bytes from the server (shell, catalogue,"
                        + " service worker and its precache), ready after %.0f ms; repeat load %d bytes (API calls"
                        + " only; shell from the service worker), ready after %.0f ms; 400 kbit/s, 400 ms RTT%n",
                        coldBytes, coldMs, repeatBytes, repeatMs);

                network.refuse();
                app.el("capture-start").click();
                app.await("camera", () -> ((Number) app.js("return document.getElementById('camera-preview').videoWidth"))
                        .intValue() > 0, Duration.ofSeconds(20));
                app.el("capture-shoot").click();
                app.await("a step on screen", () -> app.js("return document.getElementById('challenge-prompt').dataset.step")
                        != null, Duration.ofSeconds(10));
                shot(driver, "capture");
                app.fill(new AppPage.Member("Sunita Devi", "9812345678", "ABC1234567", 34, "F"), h.boothId());
                app.js("window.scrollTo(0, 0)");
                shot(driver, "form");
                app.save();
                shot(driver, "home");
                network.forward();
                app.el("outbox-send").click();
                app.await("decided", () -> app.rows().stream().anyMatch(r -> "REJECTED".equals(r.status())),
                        Duration.ofSeconds(60));
                app.js("window.scrollTo(0, document.getElementById('enrolments').offsetTop - 80)");
                shot(driver, "rejected");
            } finally {
                driver.quit();
            }
        }
    }

    private static double readyMs(AppPage app) {
        return ((Number) app.js("return performance.getEntriesByName('sadasya-ready')[0].startTime")).doubleValue();
    }

    /** DevTools' network profile: 400 kbit/s both ways and 400 ms round trip, or none. */
    private static void throttle(ChromeDriver driver, boolean on) {
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                "latency", on ? 400 : 0, "downloadThroughput", on ? 400_000 / 8 : -1, "uploadThroughput", on ? 400_000 / 8 : -1));
    }

    private static void shot(ChromeDriver driver, String name) throws IOException {
        Files.write(OUT.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
