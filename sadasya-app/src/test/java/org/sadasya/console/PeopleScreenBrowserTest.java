package org.sadasya.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.ConsolePage;
import org.sadasya.testsupport.HeadlessChromium;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ScriptedFaceAnalyzer;

/**
 * Running the drive from the console in real headless Chromium (issue 13, item 7): a district
 * reviewer creates a worker by booth code, enrols the worker's reference face from a file, sets a
 * new password and deactivates the account, each checked through the API as the worker; then
 * imports booths from a CSV file and reads the refused row and its reason. The DOM text walk in both
 * languages, with the list and the import report shown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeopleScreenBrowserTest extends AppServerTest {

    ChromeDriver driver;
    Path work;

    @BeforeAll
    void browser() throws IOException {
        HeadlessChromium.require();
        work = Files.createTempDirectory("sadasya-people-browser");
        driver = HeadlessChromium.start(null, work.resolve("profile"));
    }

    @AfterAll
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    static String person(String username) {
        return "[...document.querySelectorAll('#people-list > li')].find(li => li.querySelector('.username').textContent === '"
                + username + "')";
    }

    WebElement personElement(ConsolePage page, String username) {
        return (WebElement) page.js("return " + person(username));
    }

    @Test
    void aReviewer_createsAWorker_enrolsItsFace_resetsItsPassword_deactivatesIt_andImportsBooths() throws IOException {
        Hierarchy h = hierarchy();
        int n = h.n();
        String district = "S%d-D".formatted(n);
        Hierarchy.created(admin.post("/api/v1/users", ("{\"username\": \"people-r-%d\", \"password\": \"review-pw-1\","
                + " \"name\": \"Reviewer\", \"role\": \"REVIEWER\", \"orgUnitCode\": \"%s\"}").formatted(n, district)));
        ConsolePage page = new ConsolePage(driver, anonymous, port).openAndLogIn("people-r-" + n, "review-pw-1");
        assertThat(page.language()).isEqualTo("hi");

        page.el("nav-people").click();
        page.awaitShown("people-list");
        page.awaitTrue("the people list loaded", "return document.body.dataset.people === 'loaded'");
        assertThat(page.js("return " + person(workerMobile(h)) + " !== undefined")).isEqualTo(true);
        assertThat(page.js("const o = document.querySelector('#people-role option[value=REVIEWER]'); return o.hidden && o.disabled"))
                .as("only an admin creates reviewers").isEqualTo(true);

        String mobile = "97%08d".formatted(n);
        page.el("people-name").sendKeys("Ramesh Kumar");
        page.el("people-username").sendKeys(mobile);
        page.el("people-password").sendKeys("first-pw-1");
        page.el("people-unit").sendKeys("S%d-B1".formatted(n));
        page.el("people-create").click();
        page.awaitTrue("the new worker listed", "return " + person(mobile) + " !== undefined");
        Api worker = anonymous.login(mobile, "first-pw-1");
        assertThat(worker.get("/api/v1/me").json().get("unit").get("id").asLong()).isEqualTo(h.boothId());

        Path face = work.resolve("ramesh.jpg");
        Files.write(face, ScriptedFaceAnalyzer.photo("W" + (n + 50_000)));
        personElement(page, mobile).findElement(By.cssSelector("input.reference-face")).sendKeys(face.toString());
        page.awaitTrue("the reference face counted", "return " + person(mobile) + "?.querySelector('.faces .count')"
                + ".textContent.trim() === '1'");
        long id = worker.get("/api/v1/me").json().get("userId").asLong();
        assertThat(admin.get("/api/v1/workers/" + id).json().get("referenceFaces").asInt()).isEqualTo(1);

        personElement(page, mobile).findElement(By.cssSelector("input.new-password")).sendKeys("second-pw-2");
        personElement(page, mobile).findElement(By.cssSelector("button.set-password")).click();
        page.awaitTrue("the password-set notice", "return document.getElementById('people-notice').dataset.i18n === 'people.passwordSet'");
        assertThat(worker.get("/api/v1/me").status()).as("the old session ended").isEqualTo(401);
        worker = anonymous.login(mobile, "second-pw-2");
        assertThat(worker.get("/api/v1/me").status()).isEqualTo(200);

        personElement(page, mobile).findElement(By.cssSelector("button.deactivate")).click();
        page.awaitTrue("deactivated", "return " + person(mobile) + "?.dataset.active === 'false'");
        assertThat(worker.get("/api/v1/me").status()).isEqualTo(401);
        Api.Response login = anonymous.post("/api/v1/auth/token",
                "{\"username\": \"%s\", \"password\": \"second-pw-2\"}".formatted(mobile));
        assertThat(login.json().get("code").asText()).isEqualTo("ACCOUNT_INACTIVE");

        Path csv = work.resolve("booths.csv");
        Files.writeString(csv, "code,name,name_hi,parent_code,latitude,longitude,radius_m\n"
                + "IMP%d-1,Gandhi Nagar School,गांधी नगर शाला,%s,23.27,77.41,150\n".formatted(n, district)
                + "IMP%d-2,Far Away,,%s,123.0,77.41,150\n".formatted(n, district)
                + "IMP%d-3,Ward 7 Hall,वार्ड ७ हॉल,%s,23.28,77.42,120\n".formatted(n, district), StandardCharsets.UTF_8);
        page.el("units-file").sendKeys(csv.toString());
        page.el("units-import").click();
        page.awaitTrue("the import report", "return document.getElementById('units-report').dataset.created === '2'");
        assertThat(page.js("return document.getElementById('units-report').dataset.refused")).isEqualTo("1");
        WebElement refused = page.el("units-refused").findElement(By.cssSelector("tr[data-line='3']"));
        assertThat(refused.getDomAttribute("data-reason")).isEqualTo("LATITUDE");
        assertThat(refused.getText()).contains(page.catalogue("hi").get("import.reason.LATITUDE"), "IMP%d-2".formatted(n));
        long districtId = admin.get("/api/v1/org-units/" + h.boothId()).json().get("parentId").asLong();
        assertThat(admin.get("/api/v1/org-units?parentId=" + districtId).body()).contains("IMP%d-1".formatted(n),
                "IMP%d-3".formatted(n)).doesNotContain("IMP%d-2".formatted(n));

        Set<String> userData = new HashSet<>(Set.of("Ramesh Kumar", "Worker", "Reviewer", "Booth 1", mobile,
                workerMobile(h), "people-r-" + n, "S%d-B1".formatted(n), "IMP%d-2".formatted(n), "latitude", district, "District"));
        page.inBothLanguages(userData);
        HeadlessChromium.screenshotAtDesk(driver, "people", 1100, 1300);
    }
}
