package org.sadasya.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Fixture;

/** {@code sadasya audit-log verify} on the embedded database of a data directory. */
class AuditLogVerifyCommandTest {

    @TempDir
    Path dir;

    @Test
    void theCommand_printsTheReport_andExitsOneWhenTheChainIsBroken() throws Exception {
        Path dataDir = dir.resolve("data");
        try (var db = Databases.h2(dataDir)) { // the service's embedded layout: <data-dir>/db/sadasya
            Fixture fixture = new Fixture(db, dataDir.resolve("images"), Clock.systemUTC());
            fixture.audit.record("admin", "TEST", "thing", 1, Map.of());
            fixture.audit.record("admin", "TEST", "thing", 2, Map.of());
        }
        CliRun ok = CliRun.of("audit-log", "verify", "--data-dir", dataDir.toString());
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
        JsonNode report = new ObjectMapper().readTree(report(ok));
        assertThat(report.get("intact").asBoolean()).isTrue();
        assertThat(report.get("chained").asInt()).isEqualTo(2);
        assertThat(report.get("lastHash").asText()).hasSize(64);

        try (var db = Databases.h2(dataDir)) {
            var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(db.dataSource());
            jdbc.sql("DROP TRIGGER audit_log_no_update").update();
            jdbc.sql("UPDATE audit_log SET detail = '{\"changed\":true}' WHERE entity_id = '1'").update();
        }
        CliRun broken = CliRun.of("audit-log", "verify", "--data-dir", dataDir.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        JsonNode problems = new ObjectMapper().readTree(report(broken)).get("problems");
        assertThat(problems.get(0).get("kind").asText()).isEqualTo("ROW_CHANGED");
    }


    /**
     * The report line. When a Spring Boot test context is still open in the same JVM (the test
     * contexts are cached), Spring Boot does not initialise logging again, the command's stderr-only
     * logging configuration is not applied, and log lines reach the captured stdout around the report.
     */
    private static String report(CliRun run) {
        return run.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(run.stdout());
    }
}
