package org.sadasya.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.sadasya.face.testsupport.SharedData;

/**
 * The two databases the persistence layer is tested on. H2 always; PostgreSQL on 127.0.0.1:5432
 * (DESIGN.md, "Tests and data"), each test in a fresh schema of its own so that engineers sharing
 * the server do not meet. Unreachable PostgreSQL: skipped outside CI, a failure in CI.
 */
public final class Databases {

    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String PG_USER = "postgres";

    private Databases() {}

    public enum Kind { H2, POSTGRESQL }

    /** A migrated database; close() drops a PostgreSQL schema. */
    public record Db(Kind kind, HikariDataSource dataSource, String schema, String jdbcUrl) implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
            if (kind == Kind.POSTGRESQL) {
                try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
                        Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop test schema " + schema, e);
                }
            }
        }
    }

    public static Db open(Kind kind, Path tempDir) {
        return kind == Kind.H2 ? h2(tempDir) : postgres();
    }

    public static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db/sadasya")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    public static Db h2(Path dir) {
        String url = h2Url(dir);
        HikariDataSource ds = pool(url, "sa");
        migrate(ds, "h2");
        return new Db(Kind.H2, ds, null, url);
    }

    /** A fresh, migrated schema on the local PostgreSQL. */
    public static Db postgres() {
        String schema = newPostgresSchema();
        String url = PG_URL + "?currentSchema=" + schema;
        HikariDataSource ds = pool(url, PG_USER);
        migrate(ds, "postgresql");
        return new Db(Kind.POSTGRESQL, ds, schema, url);
    }

    /** Creates an empty schema for one test (skips or fails when PostgreSQL is unreachable). */
    public static String newPostgresSchema() {
        requirePostgres();
        String schema = "sadasya_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return schema;
    }

    public static void dropPostgresSchema(String schema) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema, e);
        }
    }

    public static void requirePostgres() {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            c.isValid(2);
        } catch (SQLException e) {
            String message = "PostgreSQL unreachable at " + PG_URL + " (" + e.getMessage() + "); start it with .ci/run";
            if (SharedData.isCi()) {
                throw new AssertionError(message + " (CI=true: an unreachable database is a failure)", e);
            }
            Assumptions.abort(message);
        }
    }

    private static HikariDataSource pool(String url, String user) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword("");
        cfg.setMaximumPoolSize(8);
        return new HikariDataSource(cfg);
    }

    private static void migrate(HikariDataSource ds, String vendor) {
        Flyway.configure().dataSource(ds)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .load().migrate();
    }
}
