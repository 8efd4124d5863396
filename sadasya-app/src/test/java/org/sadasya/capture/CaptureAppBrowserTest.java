package org.sadasya.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.chrome.ChromeDriver;
import org.sadasya.face.testsupport.SharedData;

import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.HeadlessChromium;
import org.sadasya.testsupport.PageTexts;
import org.sadasya.testsupport.Hierarchy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The worker's capture app in real headless Chromium (issue 11, "Done means"): a fake camera fed
 * with a real two-person photo from ../shared/data, a fake GPS fix, and a loopback proxy as the
 * phone's network. The photo is still, so the burst is static: these tests check the capture
 * contract and the outbox, not a liveness pass. The scripted face analyzer finds no faces in a
 * camera frame, so every enrolment is decided REJECTED (FACE_COUNT), deterministically.
 * One browser and one worker go through the journey in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaptureAppBrowserTest extends AppServerTest {

    static final String CAMERA_PHOTO = "data/faces/multi/face_recognition/two_people.jpg";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The booth's name as the hierarchy names it (user data, not a catalogue text). */
    static final String BOOTH = "Booth 1";
    static final AtomicInteger EPIC = new AtomicInteger(1_000_000);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    Path work;
    LoopbackProxy network;
    ChromeDriver driver;
    AppPage app;
    Hierarchy worker;

    @BeforeAll
    void browser() throws IOException {
        HeadlessChromium.require();
        work = Files.createTempDirectory("sadasya-browser");
        Path camera = Y4mVideo.write(work.resolve("camera.y4m"), 640, 480, 10,
                List.of(ImageIO.read(SharedData.file(CAMERA_PHOTO).toFile())));
        network = new LoopbackProxy(port);
        driver = HeadlessChromium.start(camera, work.resolve("profile"));
        app = new AppPage(driver, "http://127.0.0.1:" + network.port());
        app.open();
        HeadlessChromium.fakeLocation(driver, app.base, 23.2601, 77.4127, 12);
    }

    @AfterAll
    void closeBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (network != null) {
            network.close();
        }
    }

    /** Every member name typed so far: the home list keeps showing them (user data, not catalogue text). */
    final Set<String> namesTyped = new HashSet<>();

    AppPage.Member member(String name) {
        namesTyped.add(name);
        int n = EPIC.incrementAndGet();
        return new AppPage.Member(name, "9" + (800000000 + n), "EPC" + n, 34, "F");
    }

    long received() {
        return jdbc.sql("SELECT COUNT(*) FROM enrollment WHERE worker_id = ?").params(worker.workerId())
                .query(Long.class).single();
    }

    long rowsFor(String submissionId) {
        return jdbc.sql("SELECT COUNT(*) FROM enrollment WHERE submission_id = ?").params(submissionId)
                .query(Long.class).single();
    }

    long burstFramesStored(String submissionId) {
        return jdbc.sql("SELECT COUNT(*) FROM enrollment_image i JOIN enrollment e ON e.id = i.enrollment_id"
                + " WHERE e.submission_id = ? AND i.kind = 'BURST'").params(submissionId).query(Long.class).single();
    }

    Map<String, String> catalogue(String lang) {
        JsonNode messages = anonymous.get("/app/i18n/" + lang + ".json").json().get("messages");
        Map<String, String> out = new java.util.HashMap<>();
        messages.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Fails on any visible text that is not a catalogue value of the page's language, user data or digits. */
    void assertEveryVisibleTextIsFromTheCatalogue(Set<String> userData) {
        Set<String> allowed = new HashSet<>(catalogue(app.language()).values());
        allowed.addAll(userData);
        allowed.addAll(namesTyped);
        assertThat(PageTexts.strangers(app.visibleTexts(), allowed)).as("visible texts in '%s' that are no catalogue value, user data or digits", app.language())
                .isEmpty();
    }

    void inBothLanguages(Set<String> userData) {
        for (int i = 0; i < 2; i++) {
            assertEveryVisibleTextIsFromTheCatalogue(userData);
            app.switchLanguage();
        }
    }

    @Test
    @Order(1)
    void login_inHindiFirst_thenTheHomeScreen_withTheServiceWorkerAndATicketStock() {
        assertThat(app.language()).isEqualTo("hi");
        inBothLanguages(Set.of());
        worker = hierarchy();

        app.login(workerMobileOf(worker), "worker-pw-1");

        app.awaitServiceWorker();
        app.await("a stock of challenge tickets", () -> app.ticketStock() >= 2, Duration.ofSeconds(20));
        assertThat(app.outboxCount()).isZero();
        inBothLanguages(Set.of());
    }

    @Test
    @Order(2)
    void offline_twoEnrolmentsAreSaved_surviveAReload_andAreReceivedOnceEachWhenTheNetworkIsBack() throws Exception {
        network.refuse();
        List<List<String>> stepsSeen = new ArrayList<>();
        List<String> names = List.of("Sunita Devi", "सुनीता देवी");
        for (String name : names) {
            stepsSeen.add(app.capture(member(name), worker.boothId()));
            app.save();
        }

        assertThat(app.outboxCount()).isEqualTo(2);
        List<Map<String, Object>> outbox = app.outbox();
        assertThat(outbox).hasSize(2);
        for (Map<String, Object> entry : outbox) {
            assertCaptureContract(entry, stepsSeen);
        }
        assertThat(received()).isZero();

        app.reload();
        assertThat(app.outboxCount()).isEqualTo(2);
        Map<String, AppPage.Row> rows = app.rowsById();
        List<String> ids = outbox.stream().map(e -> (String) e.get("submissionId")).toList();
        assertThat(rows.keySet()).containsAll(ids);
        assertThat(ids).allSatisfy(id -> assertThat(rows.get(id).status()).isEqualTo("QUEUED"));
        assertThat(rows.get(ids.get(0)).text()).contains(catalogue("hi").get("status.QUEUED"));
        inBothLanguages(Set.of(names.get(0), names.get(1), BOOTH));

        network.forward();
        app.el("outbox-send").click();
        app.await("both enrolments received", () -> received() == 2, Duration.ofSeconds(30));
        for (String id : ids) {
            JsonNode stored = JSON.readTree(jdbc.sql("SELECT data_json FROM enrollment WHERE submission_id = ?").params(id)
                    .query(String.class).single());
            assertThat(stored.get("locatedAt").asText()).as("the fix's own time is kept")
                    .isEqualTo(java.time.Instant.parse(JSON.readTree((String) outbox.stream()
                            .filter(e -> id.equals(e.get("submissionId"))).findFirst().orElseThrow().get("dataJson"))
                            .get("locatedAt").asText()).toString());
            assertThat(rowsFor(id)).isEqualTo(1);
            assertThat(burstFramesStored(id)).isEqualTo(10);
        }
        String reason = catalogue("hi").get("reason.FACE_COUNT.REJECT");
        app.await("both decisions shown", () -> ids.stream().allMatch(id -> {
            AppPage.Row r = app.rowsById().get(id);
            return r != null && "REJECTED".equals(r.status()) && r.text().contains(reason);
        }), Duration.ofSeconds(45));
        assertThat(app.outboxCount()).isZero();
        assertThat(received()).isEqualTo(2);
        inBothLanguages(Set.of(names.get(0), names.get(1), BOOTH));
    }

    @Test
    @Order(3)
    void aConnectionCutDuringTheUploadBody_isRetried_andTheEnrolmentIsReceivedOnce() throws IOException {
        sentThroughACut(LoopbackProxy.Cut.DURING_BODY);
    }

    @Test
    @Order(4)
    void aConnectionCutAfterTheUploadBeforeTheAnswer_isRetried_andAnsweredFromTheStore() throws IOException {
        double replayedBefore = replayed();
        String id = sentThroughACut(LoopbackProxy.Cut.BEFORE_RESPONSE);
        // the server stored the first attempt; the retry got the same answer, not a second enrolment
        assertThat(replayed()).isGreaterThan(replayedBefore);
        assertThat(rowsFor(id)).isEqualTo(1);
    }

    @Test
    @Order(5)
    void theForm_checksTheServersFormatRulesNextToTheFields_beforeAnythingIsQueued() throws IOException {
        network.forward();
        int before = app.outboxCount();
        app.capture(new AppPage.Member("Ram Lal", "12345", "AB12", 17, "M"), worker.boothId());
        app.el("enrolment-save").click();

        for (String field : List.of("member-mobile", "member-epic", "member-age")) {
            assertThat(driverText("[data-error-for='" + field + "']")).as(field).isNotBlank();
        }
        assertThat(app.shown("screen-form")).isTrue();
        inBothLanguages(Set.of("Ram Lal", BOOTH));
        app.el("form-discard").click();
        assertThat(app.outboxCount()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void aLoginThatLapsedWhileSending_asksToLogInAgain_keepsTheOutbox_andSendingResumesAfterLogin() throws IOException {
        network.refuse();
        long before = received();
        app.capture(member("Meera Bai"), worker.boothId());
        app.save();
        assertThat(app.outboxCount()).isEqualTo(1);
        // the server forgets the phone's token (an expiry or a revocation look the same to the app)
        jdbc.sql("DELETE FROM api_token WHERE user_id = ?").params(worker.workerId()).update();

        network.forward();
        app.el("outbox-send").click();
        app.awaitShown("login-again");
        assertThat(app.el("notice").getText()).isEqualTo(catalogue(app.language()).get("login.again"));
        assertThat(app.outboxCount()).as("the outbox is kept").isEqualTo(1);
        assertThat(received()).isEqualTo(before);
        inBothLanguages(Set.of("Meera Bai", BOOTH));

        app.el("login-again").click();
        app.awaitShown("login-password");
        assertThat(app.el("login-mobile").getAttribute("value")).isEqualTo(workerMobileOf(worker));
        app.type("login-password", "worker-pw-1");
        app.el("login-submit").click();
        app.awaitShown("capture-start");
        app.await("the waiting enrolment sent after the new login", () -> received() == before + 1 && app.outboxCount() == 0,
                Duration.ofSeconds(30));
        assertThat(app.shown("login-again")).isFalse();
    }

    @Test
    @Order(7)
    void anEnrolmentTheServerRefuses_needsCorrection_withItsReason_andTheCorrectedOneIsSentAsANewEnrolment() throws IOException {
        long district = jdbc.sql("SELECT parent_id FROM org_unit WHERE id = ?").params(worker.boothId()).query(Long.class).single();
        long booth2 = Hierarchy.created(admin.post("/api/v1/org-units", ("{\"parentId\": %d, \"level\": \"BOOTH\","
                + " \"code\": \"S%d-B2\", \"name\": \"Booth 2\", \"latitude\": 23.2601, \"longitude\": 77.4127,"
                + " \"radiusMeters\": 200}").formatted(district, worker.n())));
        network.refuse();
        long before = received();
        app.capture(member("Gita Yadav"), worker.boothId());
        app.save();
        String refused = (String) app.outbox().get(0).get("submissionId");
        // while the enrolment waits on the phone, the worker is moved to another booth
        moveWorkerTo(booth2);
        try {
            network.forward();
            app.el("outbox-send").click();
            String reason = catalogue(app.language()).get("problem.BOOTH_OUT_OF_SCOPE");
            app.await("the refused enrolment marked for correction with its reason", () -> {
                AppPage.Row r = app.rowsById().get(refused);
                return r != null && "NEEDS_CORRECTION".equals(r.status()) && r.text().contains(reason);
            }, Duration.ofSeconds(30));
            assertThat(app.outboxCount()).as("only entries waiting to be sent are counted").isZero();
            assertThat(received()).isEqualTo(before);
            inBothLanguages(Set.of("Gita Yadav", BOOTH, "Booth 2"));
            app.await("the new booth list from /me", () -> app.js(
                    "return [...document.querySelectorAll('#member-booth option')].map(o => o.value)").toString()
                    .contains(Long.toString(booth2)), Duration.ofSeconds(20));

            app.driver.findElement(org.openqa.selenium.By.cssSelector(
                    "#enrolments li[data-submission-id='" + refused + "'] button.correct")).click();
            app.awaitShown("member-name");
            assertThat(app.el("member-name").getAttribute("value")).isEqualTo("Gita Yadav");
            assertThat(app.el("form-correction").getText()).isEqualTo(catalogue(app.language()).get("form.correction"));
            new org.openqa.selenium.support.ui.Select(app.el("member-booth")).selectByValue(Long.toString(booth2));
            app.el("member-consent").click();
            app.save();

            app.await("the corrected enrolment received", () -> received() == before + 1 && app.outboxCount() == 0,
                    Duration.ofSeconds(30));
            assertThat(rowsFor(refused)).as("the refused one was never stored").isZero();
            String sent = jdbc.sql("SELECT submission_id FROM enrollment WHERE worker_id = ? ORDER BY id DESC LIMIT 1")
                    .params(worker.workerId()).query(String.class).single();
            assertThat(sent).isNotEqualTo(refused);
            assertThat(jdbc.sql("SELECT booth_id FROM enrollment WHERE submission_id = ?").params(sent).query(Long.class)
                    .single()).isEqualTo(booth2);
            assertThat(app.rowsById()).doesNotContainKey(refused);
        } finally {
            moveWorkerTo(worker.boothId());
        }
        app.reload();
    }

    @Test
    @Order(8)
    void anOutboxStoredByAnOlderAppVersion_isMigratedOnUpdate_andSent() throws IOException {
        network.forward();
        // another origin of the same server: its own storage, as on a phone that ran an older version
        AppPage old = new AppPage(driver, "http://localhost:" + network.port());
        driver.get(old.base + "/app/manifest.webmanifest");
        String submissionId = java.util.UUID.randomUUID().toString();
        String data = ("{\"submissionId\": \"%s\", \"boothId\": %d, \"member\": {\"name\": \"Puja Devi\","
                + " \"mobile\": \"9876501234\", \"epic\": \"ABC1234567\", \"age\": 40, \"gender\": \"F\"},"
                + " \"latitude\": 23.2601, \"longitude\": 77.4127, \"accuracyMeters\": 15,"
                + " \"capturedAt\": \"%s\", \"consent\": true}")
                .formatted(submissionId, worker.boothId(), java.time.Instant.now().minusSeconds(600));
        Object stored = driver.executeAsyncScript(VERSION_1_OUTBOX, submissionId, worker.workerId(), data);
        assertThat(stored).isEqualTo("stored");
        long before = received();

        old.open();
        old.login(workerMobileOf(worker), "worker-pw-1");
        old.await("the migrated entry sent", () -> rowsFor(submissionId) == 1, Duration.ofSeconds(30));
        assertThat(received()).isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT booth_id FROM enrollment WHERE submission_id = ?").params(submissionId)
                .query(Long.class).single()).isEqualTo(worker.boothId());
        old.await("the old version's storage removed once copied", () -> Boolean.FALSE.equals(driver.executeAsyncScript(
                "const done = arguments[0]; indexedDB.databases().then((l) => done(l.some((d) => d.name === 'sadasya')));")),
                Duration.ofSeconds(10));
        app.open();
    }

    @Test
    @Order(9)
    void aFullStorage_saysSo_keepsTheForm_andQueuesNothing() throws IOException {
        network.forward();
        // A phone whose storage for the app is nearly full: the app's bucket made again, with a quota
        // that holds the tickets and cached answers but not a capture's images. The browser itself
        // refuses the write (QuotaExceededError); nothing in the app is told.
        driver.get(app.base + "/app/manifest.webmanifest");
        Object quota = driver.executeAsyncScript("""
                const done = arguments[0];
                navigator.storageBuckets.delete('sadasya')
                  .then(() => navigator.storageBuckets.open('sadasya', { quota: 24 * 1024 }))
                  .then((b) => b.estimate()).then((e) => done(e.quota), (e) => done(String(e)));
                """);
        assertThat(quota).isEqualTo(24L * 1024);
        app.open();
        app.awaitShown("capture-start");
        long before = received();

        AppPage.Member m = member("Kamla Bai");
        app.capture(m, worker.boothId());
        app.el("enrolment-save").click();

        String full = catalogue(app.language()).get("err.storage");
        app.await("the storage-full message", () -> app.el("form-error").isDisplayed()
                && app.el("form-error").getText().equals(full), Duration.ofSeconds(20));
        assertThat(app.shown("screen-form")).as("the form stays, with what was typed").isTrue();
        assertThat(app.el("member-name").getAttribute("value")).isEqualTo("Kamla Bai");
        assertThat(app.el("member-epic").getAttribute("value")).isEqualTo(m.epic());
        assertThat(app.outbox()).isEmpty();
        assertThat(received()).isEqualTo(before);
        assertEveryVisibleTextIsFromTheCatalogue(Set.of(BOOTH, "Kamla Bai", m.mobile(), m.epic()));
        // on demand (-Dsadasya.screenshots=DIR): the message as the worker sees it, in both languages
        HeadlessChromium.screenshotAtDesk(driver, "storage-full-" + app.language(), HeadlessChromium.WIDTH, HeadlessChromium.HEIGHT);
        app.switchLanguage();
        HeadlessChromium.screenshotAtDesk(driver, "storage-full-" + app.language(), HeadlessChromium.WIDTH, HeadlessChromium.HEIGHT);
        app.switchLanguage();
    }

    /** Writes an outbox entry as version 1 of the app stored it: the data as an object, not yet as one JSON string. */
    static final String VERSION_1_OUTBOX = """
            const [submissionId, workerId, data, done] = arguments;
            const req = indexedDB.open('sadasya', 1);
            req.onupgradeneeded = () => {
              const db = req.result;
              db.createObjectStore('outbox', { keyPath: 'submissionId' });
              db.createObjectStore('tickets', { keyPath: 'challengeId' });
              db.createObjectStore('kv');
            };
            req.onerror = () => done('failed: ' + req.error);
            req.onsuccess = () => {
              const db = req.result;
              const canvas = new OffscreenCanvas(640, 480);
              const g = canvas.getContext('2d');
              g.fillStyle = '#9a7'; g.fillRect(0, 0, 640, 480);
              g.fillStyle = '#345'; g.fillRect(200, 120, 240, 240);
              canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 }).then((photo) => {
                const tx = db.transaction('outbox', 'readwrite');
                tx.objectStore('outbox').put({ submissionId, workerId, status: 'QUEUED', createdAt: Date.now(),
                  data: JSON.parse(data), photo, burst: [], noTicket: true, memberName: 'Puja Devi' });
                tx.oncomplete = () => { db.close(); done('stored'); };
                tx.onerror = () => done('failed: ' + tx.error);
              });
            };
            """;

    void moveWorkerTo(long boothId) {
        jdbc.sql("UPDATE app_user SET org_unit_id = ? WHERE id = ?").params(boothId, worker.workerId()).update();
    }

    String driverText(String css) {
        return driver.findElement(org.openqa.selenium.By.cssSelector(css)).getText();
    }

    double replayed() {
        var counter = meters.find("sadasya.enrollments.replayed").counter();
        return counter == null ? 0 : counter.count();
    }

    private String sentThroughACut(LoopbackProxy.Cut cut) throws IOException {
        network.forward();
        long before = received();
        int cutsBefore = network.cuts();
        network.cutNextUpload(cut);
        app.capture(member("Kamla Bai"), worker.boothId());
        String id;
        app.save();
        app.await("the cut happened", () -> network.cuts() == cutsBefore + 1, Duration.ofSeconds(20));
        app.await("received after the retry", () -> received() == before + 1 && app.outboxCount() == 0,
                Duration.ofSeconds(40));
        id = jdbc.sql("SELECT submission_id FROM enrollment WHERE worker_id = ? ORDER BY id DESC LIMIT 1")
                .params(worker.workerId()).query(String.class).single();
        assertThat(rowsFor(id)).isEqualTo(1);
        return id;
    }

    @SuppressWarnings("unchecked")
    private void assertCaptureContract(Map<String, Object> entry, List<List<String>> stepsSeen) throws IOException {
        JsonNode data = JSON.readTree((String) entry.get("dataJson"));
        JsonNode challenge = data.get("challenge");
        assertThat(challenge).as("a ticket is attached: " + data).isNotNull();
        for (String field : List.of("challengeId", "steps", "issuedAt", "expiresAt", "signature", "frameTimesMs",
                "stepStartsMs")) {
            assertThat(challenge.has(field)).as(field).isTrue();
        }
        List<String> steps = new ArrayList<>();
        challenge.get("steps").forEach(s -> steps.add(s.asText()));
        assertThat(steps).hasSizeGreaterThanOrEqualTo(3);
        assertThat(stepsSeen).as("the steps were shown in the ticket's order").contains(steps);
        List<Long> times = new ArrayList<>();
        challenge.get("frameTimesMs").forEach(t -> times.add(t.asLong()));
        assertThat(times).hasSize(((Number) entry.get("burstFrames")).intValue()).hasSizeBetween(8, 12);
        assertThat(times.get(0)).isZero();
        assertThat(times).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        assertThat(times.get(times.size() - 1)).isBetween(2400L, 3000L);
        List<Long> starts = new ArrayList<>();
        challenge.get("stepStartsMs").forEach(t -> starts.add(t.asLong()));
        assertThat(starts).hasSameSizeAs(steps).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        assertThat(starts.get(0)).isZero();
        assertThat(Math.max(((Number) entry.get("burstWidth")).intValue(), ((Number) entry.get("burstHeight")).intValue()))
                .isBetween(480, 640);
        assertThat(entry.get("photoType")).isEqualTo("image/jpeg");
        assertThat(data.get("latitude").asDouble()).isEqualTo(23.2601);
        assertThat(data.get("accuracyMeters").asDouble()).isEqualTo(12);
        assertThat(java.time.Duration.between(java.time.Instant.parse(data.get("capturedAt").asText()),
                java.time.Instant.parse(data.get("locatedAt").asText())).abs()).as("the fix is the capture's own")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(data.get("submissionId").asText()).isEqualTo(entry.get("submissionId"));
    }

    static String workerMobileOf(Hierarchy h) {
        return workerMobile(h);
    }

}
