package db.migration.common;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.sadasya.enrollment.EnrollmentDayCounts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Fills the day counts of V16 from the enrolments already there (Java: the cells are computed by the class that keeps them). */
public class V16_1__Enrollment_day_counts_fill extends BaseJavaMigration {

    @Override
    public void migrate(Context context) {
        EnrollmentDayCounts.rebuild(new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true)));
    }
}
