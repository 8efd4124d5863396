package org.sadasya.listaudit;

import org.sadasya.common.SameSpotRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.decision.GeoPoint;

/** The pure pieces of the list audit: reading the list, format checks, clustering, SAME_SPOT, ranking, checkpoint. */
class AuditRulesTest {

    static final String HEADER = String.join(",", MemberRow.COLUMNS);

    static String line(String id, String mobile, String epic, String age, String worker, String photo, String lat, String lon) {
        return String.join(",", id, "Name " + id, mobile, epic, age, "M", "B1", worker, photo, lat, lon, "");
    }

    static List<MemberRow> parse(String csv) throws Exception {
        return MemberList.parse(new StringReader(csv));
    }

    @Test
    void memberList_readsQuotedFields_columnsInAnyOrder_andKeepsBadRowsAsBadRows() throws Exception {
        String csv = "\uFEFFphoto,member_id,name,mobile,epic,age,gender,booth_code,worker_id,latitude,longitude,captured_at\r\n"
                + "a.jpg,m1,\"Rao, \"\"Ravi\"\"\nJr\",9876543210,ABC1234567,30,M,B1,W1,,,\r\n"
                + "m2,too,few\n"
                + "\n"
                + "b.jpg,,x,9876543210,ABC1234567,30,M,B1,W1,,,\n";
        List<MemberRow> rows = parse(csv);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).name()).isEqualTo("Rao, \"Ravi\"\nJr");
        assertThat(rows.get(0).photo()).isEqualTo("a.jpg");
        assertThat(rows.get(0).readable()).isTrue();
        assertThat(rows.get(1).readable()).isFalse();
        assertThat(rows.get(1).memberId()).isEqualTo("m2");
        assertThat(rows.get(1).line()).isEqualTo(4);
        assertThat(rows.get(2).memberId()).isEqualTo("line-6");
        assertThat(rows.get(2).readable()).isFalse();
    }

    @Test
    void memberList_withoutARequiredColumn_isNotAMemberList() {
        assertThatThrownBy(() -> parse("member_id,name\nm1,x\n")).isInstanceOf(MemberList.NotAMemberList.class)
                .hasMessageContaining("mobile");
    }

    @Test
    void rowChecks_useTheServiceFormats() throws Exception {
        List<MemberRow> rows = parse(HEADER + "\n"
                + line("m1", "+91 98765 43210", "abc1234567", "18", "W", "p", "23.1", "77.1") + "\n"
                + line("m2", "5876543210", "AB1234567", "17", "W", "p", "x", "77") + "\n");
        RowChecks ok = RowChecks.of(rows.get(0));
        assertThat(ok.flags()).isEmpty();
        assertThat(ok.epic()).isEqualTo("ABC1234567");
        assertThat(ok.mobile()).isEqualTo("9876543210");
        assertThat(ok.location()).isEqualTo(new GeoPoint(23.1, 77.1));
        RowChecks bad = RowChecks.of(rows.get(1));
        assertThat(bad.flags()).containsExactlyInAnyOrder(Flag.INVALID_EPIC, Flag.INVALID_MOBILE, Flag.UNDERAGE);
        assertThat(bad.location()).isNull();
        assertThat(bad.details()).contains("coordinates unreadable");
    }

    @Test
    void faceClusters_followChains_andIgnoreSingletons() {
        List<List<Integer>> c = FaceClusters.of(7, List.of(new FaceClusters.Pair(4, 6, 0.7),
                new FaceClusters.Pair(0, 2, 0.8), new FaceClusters.Pair(2, 5, 0.65)));
        assertThat(c).containsExactly(List.of(0, 2, 5), List.of(4, 6));
    }

    @Test
    void sameSpot_needsFiveOfOneWorkerWithin30m_notFiveOfDifferentWorkers() {
        GeoPoint here = new GeoPoint(23.0, 77.0);
        List<SameSpotRule.Located> l = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            l.add(new SameSpotRule.Located(i, "W1", new GeoPoint(23.0 + i * 0.00004, 77.0))); // 4.4 m apart: 18 m span
        }
        l.add(new SameSpotRule.Located(5, "W1", new GeoPoint(23.01, 77.0))); // 1.1 km away
        for (int i = 0; i < 5; i++) {
            l.add(new SameSpotRule.Located(10 + i, "W" + (10 + i), here)); // five workers, one member each
        }
        List<SameSpotRule.Spot> spots = SameSpotRule.DEFAULT.spots(l);
        assertThat(spots).hasSize(1);
        assertThat(spots.get(0).workerId()).isEqualTo("W1");
        assertThat(spots.get(0).rows()).containsExactly(0, 1, 2, 3, 4);
        assertThat(SameSpotRule.DEFAULT.spots(l.subList(1, 6))).isEmpty(); // four at the spot are not enough
    }

    @Test
    void assessment_reuseByHash_duplicateEpic_andWorkerRanking() throws Exception {
        List<MemberRow> rows = parse(HEADER + "\n"
                + line("a", "9876543210", "ABC1234567", "30", "W1", "a.jpg", "", "") + "\n"
                + line("b", "9876543211", "ABC1234567", "30", "W2", "b.jpg", "", "") + "\n"
                + line("c", "9876543212", "ABC1234568", "30", "W2", "c.jpg", "", "") + "\n"
                + line("d", "9876543213", "ABC1234569", "30", "W2", "", "", "") + "\n");
        float[] e1 = unit(0), e2 = unit(1), e3 = unit(2);
        List<PhotoFacts> photos = Arrays.asList(
                facts("a.jpg", e1, 0x0F0F_0000_FFFFL, "LIVE"),
                facts("b.jpg", e2, 0x0F0F_0000_FFFFL ^ 0b101, "DOUBT"), // 2 bits from a: reuse
                facts("c.jpg", e3, 0x7777_7777_7777_7777L, "SPOOF"),
                null);
        Map<Integer, String> problems = new HashMap<>(Map.of(3, "no photo named"));
        ListFindings f = new AssessMemberList(6, SameSpotRule.DEFAULT).assess(rows, photos, problems, List.of());
        assertThat(f.members().get(0).flags()).containsExactlyInAnyOrder(Flag.DUPLICATE_EPIC, Flag.IMAGE_REUSE);
        assertThat(f.members().get(0).related()).containsExactly("b");
        assertThat(f.members().get(2).flags()).containsExactly(Flag.LIVENESS);
        assertThat(f.members().get(3).flags()).containsExactly(Flag.NO_FACE);
        assertThat(f.members().get(3).details()).containsExactly("no photo named");
        assertThat(f.doubts()).containsExactly(1);
        assertThat(f.workers()).extracting(ListFindings.WorkerShare::workerId).containsExactly("W2", "W1"); // both 100 %: more flagged first
        assertThat(f.workers().get(0).flagged()).isEqualTo(3);
        ListFindings strict = new AssessMemberList(1, SameSpotRule.DEFAULT).assess(rows, photos, problems, List.of());
        assertThat(strict.reuse()).isEmpty();
    }

    @Test
    void checkpoint_keepsExactFloats_dropsTornLines_andForgetsAnotherList(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("checkpoint.jsonl");
        float[] e = {0.1f, -3.4028235e38f, 1.4e-45f, 0.333333343f};
        PhotoFacts p = new PhotoFacts("x.jpg", 10, 20, null, 1, new double[] {1.5, 2, 3, 4}, e, -2L, 0.123456789, "LIVE", 23.1, 77.2);
        try (Checkpoint c = Checkpoint.open(file, "sha-1", "model-1")) {
            assertThat(c.resumed()).isFalse();
            c.append(p);
            c.append(PhotoFacts.failed("y.jpg", 3, 4, "IMAGE_UNREADABLE: x"));
        }
        Files.writeString(file, Files.readString(file) + "{\"photo\":\"z.j");
        try (Checkpoint c = Checkpoint.open(file, "sha-1", "model-1")) {
            assertThat(c.resumed()).isTrue();
            assertThat(c.done()).containsOnlyKeys("x.jpg", "y.jpg");
            PhotoFacts back = c.done().get("x.jpg");
            assertThat(back.embedding()).containsExactly(e);
            assertThat(back.box()).containsExactly(1.5, 2, 3, 4);
            assertThat(back.differenceHash()).isEqualTo(-2L);
            assertThat(back.spoofScore()).isEqualTo(0.123456789);
            assertThat(c.done().get("y.jpg").error()).isEqualTo("IMAGE_UNREADABLE: x");
        }
        try (Checkpoint c = Checkpoint.open(file, "sha-2", "model-1")) {
            assertThat(c.resumed()).isFalse();
            assertThat(c.done()).isEmpty();
        }
    }

    @Test
    void auditCsv_quotesAndDefusesFormulas_reportEscapes() {
        assertThat(AuditCsv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditReport.esc("<img src=x onerror='1'>&")).isEqualTo("&lt;img src=x onerror=&#39;1&#39;&gt;&amp;");
    }

    private static PhotoFacts facts(String photo, float[] e, long hash, String verdict) {
        return new PhotoFacts(photo, 1, 1, null, 1, new double[] {0, 0, 10, 10}, e, hash, 0.5, verdict, null, null);
    }

    private static float[] unit(int axis) {
        float[] v = new float[1024];
        v[axis] = 1;
        return v;
    }
}
