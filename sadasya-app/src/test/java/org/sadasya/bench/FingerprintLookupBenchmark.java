package org.sadasya.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.decision.FingerprintChunks;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Fixture;
import org.sadasya.verification.StoredImageFingerprints;

/**
 * IMAGE_REUSE lookup time with many stored photos: the multi-index lookup against the full scan it
 * replaced, at the rule's review distance (12 bits), one JSON line per database. Each query reads
 * about 4.3 % of the rows' ids and hashes (4 chunks × 697 of 65 536 values), so the lookup is a
 * constant fraction of a scan's reads, through indexes instead of the table. Fingerprints are
 * uniform random 64-bit values (real difference hashes are less uniform, so real buckets are fuller).
 * Not part of {@code mvn verify}; run with
 * {@code mvn -pl sadasya-app -am test -Dtest=FingerprintLookupBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.rows=1000000}.
 */
class FingerprintLookupBenchmark {

    static final int ROWS = Integer.getInteger("bench.rows", 200_000);
    static final int QUERIES = Integer.getInteger("bench.queries", 50);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void lookup(Kind kind) throws Exception {
        try (Databases.Db db = Databases.open(kind, dir)) {
            Fixture fixture = new Fixture(db, dir.resolve("images"), Clock.systemUTC());
            var seed = fixture.seed();
            SplittableRandom random = new SplittableRandom(7);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            try (Connection c = db.dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO enrollment (submission_id, content_sha256, worker_id, booth_id, booth_path, data_json,"
                            + " status, response_status, response_body, received_at, perceptual_hash,"
                            + " phash_0, phash_1, phash_2, phash_3) VALUES (?, 'c', ?, ?, ?, '{}', 'REJECTED', 202, '{}', ?, ?, ?, ?, ?, ?)")) {
                c.setAutoCommit(false);
                for (int i = 0; i < ROWS; i++) {
                    long h = random.nextLong();
                    int[] chunks = FingerprintChunks.of(h);
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setLong(2, seed.worker().userId());
                    insert.setLong(3, seed.booth().id());
                    insert.setString(4, seed.booth().path());
                    insert.setObject(5, now);
                    insert.setLong(6, h);
                    for (int k = 0; k < 4; k++) {
                        insert.setInt(7 + k, chunks[k]);
                    }
                    insert.addBatch();
                    if (i % 5000 == 4999) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            if (kind == Kind.POSTGRESQL) {
                fixture.jdbc.sql("ANALYZE enrollment").update();
            }
            var lookup = new StoredImageFingerprints(fixture.enrollments);
            long[] queries = random.longs(QUERIES).toArray();
            for (long q : Arrays.copyOf(queries, 5)) { // warm-up
                lookup.within(q, 12, "none");
            }
            double[] indexedMs = new double[QUERIES];
            for (int i = 0; i < QUERIES; i++) {
                long t = System.nanoTime();
                lookup.within(queries[i], 12, "none");
                indexedMs[i] = (System.nanoTime() - t) / 1e6;
            }
            int scans = Math.min(QUERIES, 10);
            double[] scanMs = new double[scans];
            for (int i = 0; i < scans; i++) {
                long t = System.nanoTime();
                long q = queries[i];
                fixture.enrollments.fingerprints("none").stream()
                        .filter(f -> Long.bitCount(f.hash() ^ q) <= 12).count();
                scanMs[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(indexedMs);
            Arrays.sort(scanMs);
            System.out.println(String.format(Locale.ROOT,
                    "{\"bench\":\"image-reuse-lookup\",\"database\":\"%s\",\"rows\":%d,\"queries\":%d,"
                            + "\"indexedP50Ms\":%.2f,\"indexedP95Ms\":%.2f,"
                            + "\"scans\":%d,\"scanP50Ms\":%.1f}",
                    kind, ROWS, QUERIES, indexedMs[QUERIES / 2], indexedMs[(int) (QUERIES * 0.95)], scans, scanMs[scans / 2]));
        }
    }
}
