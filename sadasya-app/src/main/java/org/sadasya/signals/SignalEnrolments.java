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
import org.sadasya.verification.GeoPoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads what the signals need of every enrolment below a unit: ids, status, the {@code data} JSON
 * (position, accuracy, capture time, mobile) and the stored rule outcomes, with the booth's centre
 * and radius. No photo, embedding or response body is read. One query by the booth path prefix
 * (index {@code enrollment_scope}, V9).
 */
@Repository
public class SignalEnrolments {

    private static final String SELECT = "SELECT e.submission_id, e.worker_id, e.status, e.data_json, e.reasons_json,"
            + " e.received_at, b.latitude, b.longitude, b.radius_meters"
            + " FROM enrollment e JOIN org_unit b ON b.id = e.booth_id WHERE e.booth_path LIKE ?";

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
                stored.outcomes(rs.getString("reasons_json")));
    }
}
