package org.sadasya.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the embedded H2 database, makes every commit reach the file before the commit returns. By
 * default H2 writes committed changes up to 500 ms later ({@code WRITE_DELAY}), so a process killed
 * in that window loses enrolments that were already answered 202. The shipped URL sets
 * {@code WRITE_DELAY=0}; this also covers an H2 URL configured without it.
 *
 * <p>What this buys: a commit survives the process being killed (the data is in the operating
 * system's file cache). H2 does not fsync each commit, so a power failure or kernel crash can still
 * lose the last commits; PostgreSQL (fsync on commit) is the production database.
 */
public final class H2Durability {

    private static final Logger log = LoggerFactory.getLogger(H2Durability.class);

    private H2Durability() {}

    /** Sets {@code WRITE_DELAY} to 0 when {@code dataSource} is H2; returns whether it is H2. */
    public static boolean apply(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getMetaData().getURL().startsWith("jdbc:h2:")) {
                return false;
            }
            try (Statement s = c.createStatement()) {
                int delay = -1;
                try (ResultSet rs = s.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                    if (rs.next()) {
                        delay = Integer.parseInt(rs.getString(1).trim());
                    }
                }
                if (delay != 0) {
                    log.warn("H2 WRITE_DELAY was {} ms; setting it to 0 so that an answered enrolment survives a crash",
                            delay);
                    s.execute("SET WRITE_DELAY 0");
                }
            }
            return true;
        }
    }
}
