package org.sadasya.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The two exports' columns and queries: enrolments with their decision, reason codes and review,
 * and members with the enrolment that made them. No biometric data: no photo, face embedding or
 * fingerprint column is read.
 */
final class ExportRows {

    static final List<String> ENROLLMENT_HEADER = List.of("submission_id", "received_at", "booth_code", "booth_name",
            "worker", "member_name", "member_name_hi", "status", "reasons", "reviewer", "review_note", "decided_at",
            "member_id", "appeal");

    /** {@code ?} = the scope's path prefix pattern. */
    static final String ENROLLMENTS = "SELECT e.submission_id, e.received_at, b.code, b.name, w.username, e.data_json,"
            + " e.status, e.reasons_json, r.username, e.review_note, e.decided_at, m.member_code, e.appealed_at"
            + " FROM enrollment e JOIN org_unit b ON b.id = e.booth_id JOIN app_user w ON w.id = e.worker_id"
            + " LEFT JOIN app_user r ON r.id = e.reviewed_by LEFT JOIN member m ON m.id = e.member_id"
            + " WHERE e.booth_path LIKE ? ORDER BY e.id";

    static final List<String> MEMBER_HEADER = List.of("member_id", "name", "name_hi", "mobile", "epic", "age", "gender",
            "booth_code", "booth_name", "enrolled_by", "issued_at", "submission_id", "status", "reasons", "reviewer",
            "review_note");

    static final String MEMBERS = "SELECT m.member_code, m.name, m.name_hi, m.mobile, m.epic, m.age, m.gender, b.code,"
            + " b.name, w.username, m.created_at, e.submission_id, e.status, e.reasons_json, r.username, e.review_note"
            + " FROM member m JOIN enrollment e ON e.id = m.enrollment_id JOIN org_unit b ON b.id = m.booth_id"
            + " JOIN app_user w ON w.id = m.enrolled_by LEFT JOIN app_user r ON r.id = e.reviewed_by"
            + " WHERE b.path LIKE ? ORDER BY m.id";

    /** Times as the drive reads them: Indian time, with the offset written out. */
    private static final DateTimeFormatter IST = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneId.of("Asia/Kolkata"));

    private final ObjectMapper json;

    ExportRows(ObjectMapper json) {
        this.json = json;
    }

    List<String> enrollment(ResultSet rs) throws SQLException {
        JsonNode member = tree(rs.getString(6)).path("member");
        return List.of(rs.getString(1), time(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                member.path("name").asText(""), member.path("nameHi").asText(""), rs.getString(7),
                reasons(rs.getString(8)), text(rs.getString(9)), text(rs.getString(10)), time(rs, 11),
                text(rs.getString(12)), rs.getObject(13) == null ? "false" : "true");
    }

    List<String> member(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        for (int c = 1; c <= 10; c++) {
            out.add(text(rs.getString(c)));
        }
        out.add(time(rs, 11));
        out.add(rs.getString(12));
        out.add(rs.getString(13));
        out.add(reasons(rs.getString(14)));
        out.add(text(rs.getString(15)));
        out.add(text(rs.getString(16)));
        return out;
    }

    /** The rules that did not pass, and a reviewer's decision: {@code LIVENESS:REVIEW REVIEWER_DECISION:PASS}. */
    private String reasons(String reasonsJson) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : tree(reasonsJson)) {
            String code = r.path("code").asText();
            String outcome = r.path("outcome").asText();
            if (!"PASS".equals(outcome) || org.sadasya.decision.ReasonCode.REVIEWER_DECISION.name().equals(code)) {
                out.add(code + ":" + outcome);
            }
        }
        return String.join(" ", out);
    }

    private static String time(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? "" : IST.format(t);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private JsonNode tree(String s) {
        try {
            return s == null ? json.createArrayNode() : json.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
