package org.sadasya.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.sadasya.face.testsupport.SharedData;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (never a downloaded one), with a
 * fake camera fed from a Y4M file (when given), a fake GPS position, a fresh profile and a 360 × 640 phone screen.
 * Without Chromium the tests are skipped locally and fail in CI (DESIGN.md, "Tests and data").
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final int WIDTH = 360;
    public static final int HEIGHT = 640;

    private HeadlessChromium() {}

    public static void require() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "headless Chromium needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)";
        if (SharedData.isCi()) {
            throw new AssertionError(message + " (CI=true: a missing browser is a failure)");
        }
        Assumptions.abort(message);
    }

    /** @param camera a Y4M file the fake camera plays, or null for a page that uses no camera */
    public static ChromeDriver start(Path camera, Path profile) {
        require();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT);
        if (camera != null) {
            options.addArguments("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                    "--use-file-for-fake-video-capture=" + camera);
        }
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", true));
        return driver;
    }

    /** The phone's GPS reports this position and accuracy; the page may use it and the camera. */
    public static void fakeLocation(ChromeDriver driver, String origin, double latitude, double longitude, double accuracyMeters) {
        driver.executeCdpCommand("Browser.grantPermissions",
                Map.of("origin", origin, "permissions", List.of("geolocation", "videoCapture")));
        driver.executeCdpCommand("Emulation.setGeolocationOverride",
                Map.of("latitude", latitude, "longitude", longitude, "accuracy", accuracyMeters));
    }

    /**
     * On demand ({@code -Dsadasya.screenshots=<dir>}), the page as it is now at a desk's size, into
     * {@code <dir>/<name>.png}; then the phone's size again. Without the property it does nothing.
     */
    public static void screenshotAtDesk(ChromeDriver driver, String name, int width, int height) {
        String dir = System.getProperty("sadasya.screenshots");
        if (dir == null) {
            return;
        }
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        try {
            java.nio.file.Files.createDirectories(Path.of(dir));
            java.nio.file.Files.write(Path.of(dir).resolve(name + ".png"),
                    driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", true));
        }
    }
}
