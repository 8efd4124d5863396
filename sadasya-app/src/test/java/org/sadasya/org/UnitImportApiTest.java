package org.sadasya.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Importing booths from a CSV: parents from Sadasya or from the same file in any order, Excel's
 * byte-order mark and Devanagari names, one reason per refused row, the same file sent again
 * changing nothing, the caller's scope per row, and whole-file refusals (columns, encoding, size).
 */
class UnitImportApiTest extends AppServerTest {

    static final String HEADER = "code,name,name_hi,parent_code,latitude,longitude,radius_m\n";

    @Autowired
    JdbcClient jdbc;

    String districtCode(Hierarchy h) {
        return "S%d-D".formatted(h.n());
    }

    static Api.Response send(Api api, String csv) {
        return api.raw("/api/v1/org-units/import", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** Line number → reason of each refused row. */
    static Map<Long, String> refusals(JsonNode report) {
        Map<Long, String> out = new LinkedHashMap<>();
        report.get("refused").forEach(r -> out.put(r.get("line").asLong(), r.get("reason").asText() + "/" + r.get("field").asText()));
        return out;
    }

    OrgUnit unit(String code) {
        return jdbc.sql("SELECT id, parent_id, level, code, name, name_hi, latitude, longitude, radius_meters, path"
                        + " FROM org_unit WHERE code = ?").params(code)
                .query((rs, i) -> new OrgUnit(rs.getLong(1), rs.getObject(2, Long.class), OrgLevel.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, Double.class),
                        rs.getObject(8, Double.class), rs.getObject(9, Double.class), rs.getString(10)))
                .optional().orElse(null);
    }

    @Test
    void goodRowsAreCreated_badRowsAreRefusedEachWithItsReason_andASecondSendChangesNothing() {
        Hierarchy h = hierarchy();
        String d = districtCode(h);
        int n = h.n();
        // with the optional level column, empty where the level below the parent's is meant
        String csv = "\uFEFF" + HEADER.replace("\n", ",level\n")
                // line 2: a booth whose sector comes later in the file
                + "B%d-101,\"Primary School, Ward 3\",प्राथमिक शाला वार्ड ३,SEC%d,23.2601,77.4120,150\n".formatted(n, n)
                + "SEC%d,Sector North,उत्तर सेक्टर,%s,,,,SECTOR\n".formatted(n, d)
                + "B%d-102,Panchayat Bhavan,पंचायत भवन,SEC%d,23.2650,77.4188,120\n".formatted(n, n)
                + "B%d-103,No Place,,SEC%d,,,\n".formatted(n, n)                       // line 5: a booth without location
                + "B%d-104,Far North,,SEC%d,95.0,77.4,100\n".formatted(n, n)          // line 6: latitude out of range
                + "B%d-105,Wide,,SEC%d,23.26,77.41,abc\n".formatted(n, n)             // line 7: radius not a number
                + "B%d-106,Orphan,,NO-SUCH-%d,23.26,77.41,100\n".formatted(n, n)      // line 8: unknown parent
                + "B%d-102,Twice,,SEC%d,23.26,77.41,100\n".formatted(n, n)            // line 9: code twice in the file
                + ",Nameless Code,,SEC%d,23.26,77.41,100\n".formatted(n)              // line 10: no code
                + "B%d-107,Below a booth,,B%d-102,23.26,77.41,100\n".formatted(n, n)  // line 11: nothing below a booth
                + "S%d-B1,Booth 1 renamed,,%s,23.26,77.4127,200\n".formatted(n, d);   // line 12: existing code, other details
        Api.Response r = send(admin, csv);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("rows").asInt()).isEqualTo(11);
        assertThat(report.get("created").asInt()).isEqualTo(3);
        assertThat(report.get("unchanged").asInt()).isZero();
        assertThat(refusals(report)).containsExactly(
                Map.entry(5L, "LOCATION_REQUIRED/latitude"), Map.entry(6L, "LATITUDE/latitude"),
                Map.entry(7L, "NOT_A_NUMBER/radius_m"), Map.entry(8L, "PARENT_UNKNOWN/parent_code"),
                Map.entry(9L, "DUPLICATE_IN_FILE/code"), Map.entry(10L, "MISSING_FIELD/code"),
                Map.entry(11L, "LEVEL_NOT_BELOW_PARENT/parent_code"), Map.entry(12L, "CODE_TAKEN/code"));

        OrgUnit sector = unit("SEC" + n);
        OrgUnit booth = unit("B%d-101".formatted(n));
        assertThat(sector.level()).isEqualTo(OrgLevel.SECTOR);
        assertThat(sector.parentId()).isEqualTo(unit(d).id());
        assertThat(booth.level()).isEqualTo(OrgLevel.BOOTH);
        assertThat(booth.parentId()).isEqualTo(sector.id());
        assertThat(booth.path()).startsWith(sector.path());
        assertThat(booth.name()).isEqualTo("Primary School, Ward 3");
        assertThat(booth.nameHi()).isEqualTo("प्राथमिक शाला वार्ड ३");
        assertThat(booth.radiusMeters()).isEqualTo(150.0);
        assertThat(unit("B%d-103".formatted(n))).isNull();
        assertThat(unit("S%d-B1".formatted(n)).name()).as("an existing unit is never overwritten").isEqualTo("Booth 1");
        // the new booth is one a worker can be created for and enrol in
        assertThat(admin.post("/api/v1/workers", ("{\"name\": \"New\", \"mobile\": \"93%08d\", \"password\": \"worker-pw-1\","
                + " \"orgUnitCode\": \"B%d-101\"}").formatted(n, n)).status()).isEqualTo(201);

        JsonNode again = send(admin, csv).json();
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(3);
        assertThat(refusals(again)).isEqualTo(refusals(report));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'ORG_UNITS_IMPORTED'").query(Long.class).single())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aReviewer_importsBelowItsOwnUnitOnly() {
        Hierarchy x = hierarchy();
        Hierarchy y = hierarchy();
        Hierarchy.created(admin.post("/api/v1/users", ("{\"username\": \"import-rx-%d\", \"password\": \"review-pw-1\","
                + " \"name\": \"R\", \"role\": \"REVIEWER\", \"orgUnitCode\": \"%s\"}").formatted(x.n(), districtCode(x))));
        Api reviewer = anonymous.login("import-rx-" + x.n(), "review-pw-1");
        String csv = HEADER + "RX%d-1,Mine,,%s,23.26,77.41,100\n".formatted(x.n(), districtCode(x))
                + "RX%d-2,Theirs,,%s,23.26,77.41,100\n".formatted(x.n(), districtCode(y))
                + "RX%d-3,New state,,,23.26,77.41,100\n".formatted(x.n());
        JsonNode report = send(reviewer, csv).json();
        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(refusals(report)).containsExactly(Map.entry(3L, "PARENT_OUT_OF_SCOPE/parent_code"),
                Map.entry(4L, "MISSING_FIELD/parent_code"));
        assertThat(unit("RX%d-2".formatted(x.n()))).isNull();
        assertThat(send(x.worker(), csv).status()).isEqualTo(403);
    }

    /**
     * Announces a 33 MB file and sends only its first bytes: the server must answer from the length
     * alone (an HTTP client that insists on sending everything sees only a closed connection).
     */
    String announceHugeFile() throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /api/v1/org-units/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + admin.token() + "\r\nConnection: close\r\nContent-Type: text/csv\r\nContent-Length: " + (33 << 20)
                    + "\r\n\r\n" + HEADER).getBytes(StandardCharsets.US_ASCII));
            return org.sadasya.testsupport.RawHttp.readAnswer(socket.getInputStream());
        }
    }

    @Test
    void aFileThatIsNoUsableCsv_isRefusedWhole() throws Exception {
        Hierarchy h = hierarchy();
        Api.Response missing = send(admin, "code,name,parent_code\nZ%d,Z,%s\n".formatted(h.n(), districtCode(h)));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("code").asText()).isEqualTo("CSV_UNREADABLE");
        assertThat(missing.json().get("missingColumns").toString()).contains("latitude", "radius_m", "name_hi");

        byte[] latin1 = (HEADER + "Z%d,Gañeśa,,%s,23.2,77.4,100\n".formatted(h.n(), districtCode(h)))
                .getBytes(StandardCharsets.ISO_8859_1);
        Api.Response notUtf8 = admin.raw("/api/v1/org-units/import", "text/csv", latin1);
        assertThat(notUtf8.status()).isEqualTo(422);
        assertThat(notUtf8.json().get("code").asText()).isEqualTo("CSV_NOT_UTF8");

        Api.Response unclosed = send(admin, HEADER + "Z%d,\"never closed,,%s,23.2,77.4,100\n".formatted(h.n(), districtCode(h)));
        assertThat(unclosed.status()).as(unclosed.toString()).isEqualTo(422);
        assertThat(unclosed.json().get("code").asText()).isEqualTo("CSV_UNREADABLE");

        String tooLarge = announceHugeFile();
        assertThat(tooLarge).startsWith("HTTP/1.1 413").contains("\"code\":\"FILE_TOO_LARGE\"");
        assertThat(unit("Z" + h.n())).as("nothing of a refused file is kept").isNull();
        assertThat(admin.get("/actuator/health").status()).isEqualTo(200);
    }
}
