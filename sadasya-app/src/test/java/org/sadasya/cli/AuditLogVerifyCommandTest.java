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
        JsonNode report = new ObjectMapper().readTree(ok.stdout().strip());
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
        JsonNode problems = new ObjectMapper().readTree(broken.stdout().strip()).get("problems");
        assertThat(problems.get(0).get("kind").asText()).isEqualTo("ROW_CHANGED");
    }

}
