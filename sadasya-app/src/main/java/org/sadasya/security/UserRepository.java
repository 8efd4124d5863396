package org.sadasya.security;

import java.time.Clock;
import java.util.Optional;
import org.sadasya.common.Times;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

public final class UserRepository {

    private static final String COLUMNS = "id, username, password_hash, role, name, mobile, org_unit_id, active";
    private static final RowMapper<UserAccount> ROW = (rs, i) -> new UserAccount(rs.getLong(1), rs.getString(2),
            rs.getString(3), Role.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
            rs.getObject(7, Long.class), rs.getBoolean(8));

    private final JdbcClient jdbc;
    private final Clock clock;

    public UserRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public long insert(String username, String passwordHash, Role role, String name, String mobile, Long orgUnitId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO app_user (username, password_hash, role, name, mobile, org_unit_id, active, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, TRUE, ?)")
                .params(username, passwordHash, role.name(), name, mobile, orgUnitId, Times.now(clock))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<UserAccount> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = ?").params(id).query(ROW).optional();
    }

    public void setPasswordHash(long id, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = ? WHERE id = ?").params(passwordHash, id).update();
    }

    public void setActive(long id, boolean active) {
        jdbc.sql("UPDATE app_user SET active = ? WHERE id = ?").params(active, id).update();
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username = ?").params(username).query(ROW).optional();
    }
}
