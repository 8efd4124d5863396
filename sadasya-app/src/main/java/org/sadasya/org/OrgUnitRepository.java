package org.sadasya.org;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.sadasya.common.Times;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

public final class OrgUnitRepository {

    private static final String COLUMNS =
            "id, parent_id, level, code, name, name_hi, latitude, longitude, radius_meters, path";
    private static final RowMapper<OrgUnit> ROW = (rs, i) -> new OrgUnit(rs.getLong(1),
            (Long) rs.getObject(2, Long.class), OrgLevel.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getObject(7, Double.class), rs.getObject(8, Double.class), rs.getObject(9, Double.class),
            rs.getString(10));

    private final JdbcClient jdbc;
    private final Clock clock;

    public OrgUnitRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts the unit and sets its path below its parent's (call inside a transaction). */
    public OrgUnit insert(OrgUnit parent, OrgLevel level, String code, String name, String nameHi, Double latitude,
            Double longitude, Double radiusMeters) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO org_unit (parent_id, level, code, name, name_hi, latitude, longitude, radius_meters, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(parent == null ? null : parent.id(), level.name(), code, name, nameHi, latitude, longitude,
                        radiusMeters, Times.now(clock))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        String path = (parent == null ? "/" : parent.path()) + id + "/";
        jdbc.sql("UPDATE org_unit SET path = ? WHERE id = ?").params(path, id).update();
        return new OrgUnit(id, parent == null ? null : parent.id(), level, code, name, nameHi, latitude, longitude,
                radiusMeters, path);
    }

    public Optional<OrgUnit> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM org_unit WHERE id = ?").params(id).query(ROW).optional();
    }

    public Optional<OrgUnit> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM org_unit WHERE code = ?").params(code).query(ROW).optional();
    }

    public boolean codeExists(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM org_unit WHERE code = ?").params(code).query(Long.class).single() > 0;
    }

    /** The booths in a scope (this unit's path and below), by code; at most {@code limit}. */
    public List<OrgUnit> boothsWithin(String pathPrefix, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM org_unit WHERE level = 'BOOTH' AND path LIKE ? ORDER BY code LIMIT ?")
                .params(pathPrefix + "%", limit).query(ROW).list();
    }

    public List<OrgUnit> children(Long parentId) {
        return parentId == null
                ? jdbc.sql("SELECT " + COLUMNS + " FROM org_unit WHERE parent_id IS NULL ORDER BY code").query(ROW).list()
                : jdbc.sql("SELECT " + COLUMNS + " FROM org_unit WHERE parent_id = ? ORDER BY code").params(parentId)
                        .query(ROW).list();
    }
}
