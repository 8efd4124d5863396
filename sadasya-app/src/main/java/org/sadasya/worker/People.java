package org.sadasya.worker;

import java.util.List;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The accounts a reviewer or admin may see and manage: every user whose unit lies in the caller's
 * scope (admins, who have no unit, only for an admin), with their reference-face counts.
 */
public final class People {

    /** One account as the console lists it; never the password hash. */
    public record Account(long id, String username, String role, String name, String mobile, Long orgUnitId,
            String unitCode, String unitName, String unitNameHi, boolean active, int referenceFaces) {}

    private static final String SELECT = "SELECT u.id, u.username, u.role, u.name, u.mobile, u.org_unit_id,"
            + " o.code, o.name, o.name_hi, u.active, (SELECT COUNT(DISTINCT f.image_key) FROM worker_face f WHERE f.worker_id = u.id)"
            + " FROM app_user u LEFT JOIN org_unit o ON o.id = u.org_unit_id";
    private static final RowMapper<Account> ROW = (rs, i) -> new Account(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, Long.class), rs.getString(7),
            rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getInt(11));

    private final JdbcClient jdbc;

    public People(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The accounts in the caller's scope, optionally below {@code unitPath} and of one role, by name;
     * at most {@code limit}.
     */
    public List<Account> list(Actor actor, String unitPath, Role role, int limit) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        if (actor.role() != Role.ADMIN) {
            sql.append(" AND o.path LIKE ?");
            params.add(actor.scopePath() + "%");
        }
        if (unitPath != null) {
            sql.append(" AND o.path LIKE ?");
            params.add(unitPath + "%");
        }
        if (role != null) {
            sql.append(" AND u.role = ?");
            params.add(role.name());
        }
        sql.append(" ORDER BY u.name, u.id LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(ROW).list();
    }

    /** One account by id (the caller has checked that it may see it). */
    public Account get(long id) {
        return jdbc.sql(SELECT + " WHERE u.id = ?").params(id).query(ROW).single();
    }
}
