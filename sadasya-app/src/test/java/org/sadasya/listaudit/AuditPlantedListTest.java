package org.sadasya.listaudit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.cli.SadasyaCommand;

/**
 * {@code sadasya audit} on a small list of real photos with planted fakes (issue #6, "Done means"):
 * each fake is flagged with the right flag and the right related members, clean rows are not.
 */
class AuditPlantedListTest {

    @TempDir
    static Path tmp;
    static Map<String, String[]> audit;
    static String report;
    static Path out;

    @BeforeAll
    static void runAudit() throws IOException {
        Path list = PlantedList.build(tmp.resolve("list"));
        out = tmp.resolve("out");
        int exit = SadasyaCommand.execute("audit", list.toString(), "--out", out.toString());
        assertThat(exit).isZero();
        audit = read(out.resolve("audit.csv"));
        report = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    }

    /** member_id → {flags, related, details}; the planted list has no quoted ids. */
    static Map<String, String[]> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(AuditCsv.HEADER);
        Map<String, String[]> m = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 4);
            m.put(f[0], new String[] {f[1], f[2], f[3]});
        }
        return m;
    }

    static String flags(String id) {
        assertThat(audit).containsKey(id);
        return audit.get(id)[0];
    }

    static String related(String id) {
        return audit.get(id)[1];
    }

    @Test
    void everyRowOfTheList_hasOneAuditRow() {
        assertThat(audit).hasSize(23);
    }

    @Test
    void samePersonUnderTwoNames_fromDifferentPhotos_isDuplicateFace() {
        assertThat(flags("m01")).isEqualTo("DUPLICATE_FACE");
        assertThat(related("m01")).isEqualTo("m02");
        assertThat(flags("m02")).isEqualTo("DUPLICATE_FACE");
        assertThat(flags("m03")).isEqualTo("DUPLICATE_FACE");
        assertThat(related("m04")).isEqualTo("m03");
    }

    @Test
    void resizedReencodedCopyOfAnotherMembersPhoto_isImageReuse() {
        assertThat(flags("m08")).isEqualTo("DUPLICATE_FACE;IMAGE_REUSE");
        assertThat(related("m08")).isEqualTo("m07");
        assertThat(flags("m07")).contains("IMAGE_REUSE");
        assertThat(audit.get("m08")[2]).contains("same picture as m07 (dHash");
    }

    @Test
    void printedPhotoRecapture_isFlaggedForLiveness() {
        assertThat(flags("m09")).isEqualTo("LIVENESS");
        assertThat(report).contains("Recaptured photos (1)");
    }

    @Test
    void workerWhoEnrolledFiveFromOneSpot_hasThemFlaggedSameSpot_andRanksFirst() {
        for (String id : List.of("m10", "m11", "m12", "m13", "m14")) {
            assertThat(flags(id)).isEqualTo("SAME_SPOT");
        }
        assertThat(report.indexOf("<tr><td>W3</td>")).isPositive()
                .isLessThan(report.indexOf("<tr><td>W1</td>"));
    }

    @Test
    void sharedEpicAndMobile_andFormatErrors_areFlagged() {
        assertThat(flags("m16")).isEqualTo("DUPLICATE_EPIC");
        assertThat(flags("m17")).isEqualTo("DUPLICATE_EPIC"); // written in lower case: same EPIC
        assertThat(related("m17")).isEqualTo("m16");
        assertThat(flags("m18")).isEqualTo("DUPLICATE_MOBILE"); // +91 form: same mobile
        assertThat(flags("m19")).isEqualTo("DUPLICATE_MOBILE");
        assertThat(flags("m20")).isEqualTo("INVALID_EPIC;INVALID_MOBILE;UNDERAGE");
        assertThat(flags("m23")).isEqualTo("MULTIPLE_FACES");
    }

    @Test
    void unreadablePhotoAndShortRow_areFlagged_notFatal() {
        assertThat(flags("m21")).isEqualTo("NO_FACE");
        assertThat(audit.get("m21")[2]).isEqualTo("unreadable photo: IMAGE_UNREADABLE");
        assertThat(flags("m22")).isEqualTo("BAD_ROW");
    }

    @Test
    void cleanRows_haveNoFlag() {
        for (String id : PlantedList.CLEAN) {
            assertThat(flags(id)).as(id).isEmpty();
            assertThat(related(id)).as(id).isEmpty();
        }
    }

    @Test
    void report_escapesListText_embedsFaces_andIsOwnerOnly() throws IOException {
        assertThat(report).doesNotContain("<b>Yadav</b>").contains("Suresh &lt;b&gt;Yadav&lt;/b&gt; &amp; &quot;Co&quot;");
        assertThat(report).contains("data:image/jpeg;base64,").doesNotContain("src=\"http").doesNotContain("<script");
        assertThat(report).contains("<svg");
        for (String f : List.of("report.html", "audit.csv", "checkpoint.jsonl")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f)))).as(f)
                    .isEqualTo("rw-------");
        }
    }
}
