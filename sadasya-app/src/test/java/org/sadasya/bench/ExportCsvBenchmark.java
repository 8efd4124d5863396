package org.sadasya.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.export.ExportBench;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Fixture;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The enrolments export over many rows: rows per second and the most heap retained after a
 * collection above the start while it streams (sampled every 20 ms), one JSON line per database. The rows carry a realistic
 * data_json (names in Latin and Devanagari) and reasons. Not part of {@code mvn verify}; run with
 * {@code mvn -pl sadasya-app -am test -Dtest=ExportCsvBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.rows=1000000}.
 */
class ExportCsvBenchmark {

    static final int ROWS = Integer.getInteger("bench.rows", 200_000);
    static final String DATA = "{\"member\": {\"name\": \"Sunita Devi\", \"nameHi\": \"सुनीता देवी\", \"mobile\": \"9812345678\","
            + " \"epic\": \"ABC1234567\", \"age\": 34, \"gender\": \"F\"}, \"latitude\": 23.26, \"longitude\": 77.41}";
    static final String REASONS = "[{\"code\":\"LIVENESS\",\"outcome\":\"REVIEW\",\"detail\":\"d\",\"evidence\":{}},"
            + "{\"code\":\"FIELD_PRESENCE\",\"outcome\":\"PASS\",\"detail\":\"d\",\"evidence\":{}}]";

    @TempDir
    Path dir;

    /** Heap in use right after the last collection of each pool: what the export holds on to, not its garbage. */
    static long retained(java.util.List<java.lang.management.MemoryPoolMXBean> pools) {
        return pools.stream().mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void export(Kind kind) throws Exception {
        try (Databases.Db db = Databases.open(kind, dir)) {
            Fixture fixture = new Fixture(db, dir.resolve("images"), Clock.systemUTC());
            var seed = fixture.seed();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            try (Connection c = db.dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO enrollment (submission_id, content_sha256, worker_id, booth_id, booth_path, data_json,"
                            + " status, reasons_json, response_status, response_body, received_at)"
                            + " VALUES (?, 'c', ?, ?, ?, ?, 'REVIEW', ?, 202, '{}', ?)")) {
                c.setAutoCommit(false);
                for (int i = 0; i < ROWS; i++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setLong(2, seed.worker().userId());
                    insert.setLong(3, seed.booth().id());
                    insert.setString(4, seed.booth().path());
                    insert.setString(5, DATA);
                    insert.setString(6, REASONS);
                    insert.setObject(7, now);
                    insert.addBatch();
                    if (i % 5000 == 4999) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            var pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
                    .toList();
            System.gc();
            long base = retained(pools);
            AtomicLong peak = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(retained(pools) - base, Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            long started = System.nanoTime();
            ExportBench.enrollments(db.dataSource(), new DataSourceTransactionManager(db.dataSource()), new ObjectMapper(),
                    seed.state().path(), new OutputStream() {
                        @Override
                        public void write(int b) {
                            bytes.incrementAndGet();
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            bytes.addAndGet(len);
                        }
                    });
            double seconds = (System.nanoTime() - started) / 1e9;
            sampler.interrupt();
            sampler.join();
            System.out.printf(Locale.ROOT, "{\"bench\": \"export-enrollments-csv\", \"db\": \"%s\", \"rows\": %d,"
                    + " \"seconds\": %.2f, \"rowsPerSecond\": %.0f, \"megabytes\": %.1f, \"retainedHeapAboveStartMb\": %.1f}%n",
                    kind, ROWS, seconds, ROWS / seconds, bytes.get() / 1e6, peak.get() / 1e6);
        }
    }
}
