package org.sadasya.dashboard;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.PostgresApp;
import org.sadasya.verification.VerifyEnrollment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The dashboard's aggregates on PostgreSQL (its V8 indexes, its EXTRACT and PERCENTILE_CONT): the same numbers as on H2. */
class DashboardPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void onPostgresql_everyNumberEqualsTheSeeds() {
        try (PostgresApp app = new PostgresApp(dataDir)) {
            Api anonymous = app.anonymous();
            Api admin = anonymous.login("admin", PostgresApp.ADMIN_PASSWORD);
            DashboardSeeds.Seeded s = DashboardSeeds.seed(anonymous, admin, app.bean(JdbcClient.class),
                    app.bean(VerifyEnrollment.class), 1);
            DashboardChecks.everyNumberMatchesTheSeeds(s);
            DashboardChecks.aWindowCountsItsDaysOnly(s);
        }
    }
}
