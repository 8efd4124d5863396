package org.sadasya.ops;

import org.sadasya.member.HnswMemberFaceIndex;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The 1:N face index against the database: its size, its model, and how many member-face changes it
 * has not read yet (it catches up in the background and before every search, so a lag that stays
 * means the catch-up fails).
 */
public final class MemberIndexHealth implements HealthIndicator {

    private final HnswMemberFaceIndex index;
    private final JdbcClient jdbc;

    public MemberIndexHealth(HnswMemberFaceIndex index, JdbcClient jdbc) {
        this.index = index;
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        long newest = jdbc.sql("SELECT COALESCE(MAX(change_seq), 0) FROM member_face").query(Long.class).single();
        return Health.up()
                .withDetail("faces", index.size())
                .withDetail("model", index.modelVersion().orElse("none"))
                .withDetail("changesBehind", Math.max(0, newest - index.highWaterMark()))
                .build();
    }
}
