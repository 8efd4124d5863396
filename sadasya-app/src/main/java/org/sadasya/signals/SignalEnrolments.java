package org.sadasya.signals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sadasya.decision.GeoPoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads what the signals need of every enrolment below a unit: ids, status, the {@code data} JSON
 * (position, accuracy, capture time, mobile) and the outcomes of the rules the signals read, with the booth's centre
 * and radius. No photo, embedding or response body is read. One query by the booth path prefix
 * (index {@code enrollment_scope}, V9).
 */
@Repository
public class SignalEnrolments {

    /** The rules whose stored outcome a signal reads. */
    static final List<String> RULES = List.of("LIVENESS", "IMAGE_REUSE");

    private static final String SELECT = "SELECT e.submission_id, e.worker_id, e.status, e.data_json, e.received_at,"
            + " b.latitude, b.longitude, b.radius_meters, "
            + String.join(", ", RULES.stream().map(SignalEnrolments::outcomeOf).toList())
            + " FROM enrollment e JOIN org_unit b ON b.id = e.booth_id WHERE e.booth_path LIKE ?";

    /**
     * One rule's outcome, found by the database in the stored results instead of sending them all
     * (about 1.3 kB an enrolment, most of the read; SignalsBenchmark). It relies on how
     * VerifyEnrollment writes them, compact and {@code code} before {@code outcome} in each result;
     * WorkerSignalsApiTest reads LIVENESS back through it.
     */
    private static String outcomeOf(String rule) {
        StringBuilder sql = new StringBuilder("CASE");
        for (String outcome : List.of("PASS", "REVIEW", "REJECT")) {
            sql.append(" WHEN e.reasons_json LIKE '%\"code\":\"").append(rule).append("\",\"outcome\":\"")
                    .append(outcome).append("\"%' THEN '").append(outcome).append('\'');
        }
        return sql.append(" END AS ").append(rule.toLowerCase(java.util.Locale.ROOT)).toString();
    }

    /** A worker as the list shows them. */
    public record WorkerInfo(long id, String name, Long unitId, String unitName, String unitNameHi) {}

    private final JdbcClient jdbc;
    private final StoredJson stored;

    public SignalEnrolments(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.stored = new StoredJson(json.getFactory());
    }

    /** Every enrolment whose booth lies in the subtree of the unit with path {@code pathPrefix}. */
    public List<WorkerEnrolment> below(String pathPrefix) {
        return jdbc.sql(SELECT).param(pathPrefix + "%").query(this::row).list();
    }

    public Map<Long, WorkerInfo> workers(Collection<Long> ids) {
        Map<Long, WorkerInfo> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT u.id, u.name, u.org_unit_id, o.name AS unit_name, o.name_hi FROM app_user u"
                + " LEFT JOIN org_unit o ON o.id = u.org_unit_id WHERE u.id IN (:ids)")
                .param("ids", ids)
                .query((rs, n) -> new WorkerInfo(rs.getLong("id"), rs.getString("name"),
                        rs.getObject("org_unit_id", Long.class), rs.getString("unit_name"), rs.getString("name_hi")))
                .list().forEach(w -> out.put(w.id(), w));
        return out;
    }

    private WorkerEnrolment row(ResultSet rs, int n) throws SQLException {
        StoredJson.DataFacts data = stored.data(rs.getString("data_json"));
        Instant at = data.capturedAt() != null ? Instant.parse(data.capturedAt())
                : rs.getObject("received_at", OffsetDateTime.class).toInstant();
        GeoPoint position = data.latitude() != null && data.longitude() != null
                ? new GeoPoint(data.latitude(), data.longitude()) : null;
        Double latitude = rs.getObject("latitude", Double.class);
        Double longitude = rs.getObject("longitude", Double.class);
        GeoPoint booth = latitude == null || longitude == null ? null : new GeoPoint(latitude, longitude);
        return new WorkerEnrolment(rs.getString("submission_id"), rs.getLong("worker_id"), rs.getString("status"), at,
                position, data.accuracyMeters(), booth, rs.getObject("radius_meters", Double.class), data.mobile(),
                outcomes(rs));
    }

    private static Map<String, String> outcomes(ResultSet rs) throws SQLException {
        Map<String, String> out = new HashMap<>();
        for (String rule : RULES) {
            String outcome = rs.getString(rule.toLowerCase(java.util.Locale.ROOT));
            if (outcome != null) {
                out.put(rule, outcome);
            }
        }
        return out;
    }
}
