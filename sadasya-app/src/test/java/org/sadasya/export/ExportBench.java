package org.sadasya.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import javax.sql.DataSource;
import org.springframework.transaction.PlatformTransactionManager;

/** The export's package-private parts, for the benchmark in {@code org.sadasya.bench}. */
public final class ExportBench {
    private ExportBench() {}

    public static void enrollments(DataSource ds, PlatformTransactionManager tx, ObjectMapper json, String path,
            OutputStream out) {
        new CsvStream(ds, tx).write(out, ExportRows.ENROLLMENT_HEADER, ExportRows.ENROLLMENTS, new Object[] {path + "%"},
                new ExportRows(json)::enrollment);
    }
}
