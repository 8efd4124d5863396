package org.sadasya.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Fixture;

/**
 * The audit log's hash chain: intact when many threads write at once, and broken, at the right row,
 * by each change that the append-only triggers would refuse (they are turned off here, as an
 * attacker with the database owner's rights could).
 */
class AuditChainTest {

    static final int THREADS = 4;
    static final int PER_THREAD = 25;

    @TempDir
    Path dir;
    Fixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.db.close();
        }
    }

    AuditVerification.Report verify() {
        return new AuditVerification(fixture.db.dataSource()).verify();
    }

    /** Writes entries from several threads, some inside a caller's transaction, some without one. */
    List<Long> writeConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int n = 0; n < PER_THREAD; n++) {
                        int i = n;
                        Map<String, Object> detail = Map.of("thread", thread, "i", i, "name", "सुनीता");
                        if (i % 2 == 0) {
                            fixture.audit.record("worker-" + thread, "TEST", "thing", i, detail);
                        } else {
                            fixture.tx.executeWithoutResult(s -> fixture.audit.record("worker-" + thread, "TEST", "thing",
                                    i, detail));
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return fixture.jdbc.sql("SELECT id FROM audit_log ORDER BY id").query(Long.class).list();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentWriters_leaveAnIntactChain_andEveryKindOfTamperingIsFoundAtItsRow(Kind kind) throws Exception {
        fixture = new Fixture(Databases.open(kind, dir), dir.resolve("images"), Clock.systemUTC());
        List<Long> ids = writeConcurrently();
        assertThat(ids).hasSize(THREADS * PER_THREAD);
        AuditVerification.Report intact = verify();
        assertThat(intact.intact()).as(intact.toString()).isTrue();
        assertThat(intact.chained()).isEqualTo(ids.size());
        assertThat(intact.lastId()).isEqualTo(ids.get(ids.size() - 1));

        allowTampering(kind);
        long changed = ids.get(10);
        String actor = fixture.jdbc.sql("SELECT actor FROM audit_log WHERE id = ?").params(changed).query(String.class).single();
        fixture.jdbc.sql("UPDATE audit_log SET actor = 'someone-else' WHERE id = ?").params(changed).update();
        assertThat(verify().problems()).containsExactly(new AuditVerification.Problem(changed, "ROW_CHANGED"));
        fixture.jdbc.sql("UPDATE audit_log SET actor = ? WHERE id = ?").params(actor, changed).update();
        assertThat(verify().intact()).as("the restored row fits again").isTrue();

        long deleted = ids.get(40);
        fixture.jdbc.sql("DELETE FROM audit_log WHERE id = ?").params(deleted).update();
        assertThat(verify().problems()).containsExactly(new AuditVerification.Problem(ids.get(41), "LINK_BROKEN"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void deletingTheNewestRows_orAddingAnUnchainedOne_isFound(Kind kind) throws Exception {
        fixture = new Fixture(Databases.open(kind, dir), dir.resolve("images"), Clock.systemUTC());
        List<Long> ids = writeConcurrently();
        allowTampering(kind);
        long last = ids.get(ids.size() - 1);
        fixture.jdbc.sql("DELETE FROM audit_log WHERE id >= ?").params(ids.get(ids.size() - 3)).update();
        AuditVerification.Report tail = verify();
        assertThat(tail.problems()).containsExactly(new AuditVerification.Problem(last, "HEAD_MISMATCH"));

        fixture.jdbc.sql("INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail) VALUES"
                + " (CURRENT_TIMESTAMP, 'x', 'FORGED', 'thing', '1', '{}')").update();
        assertThat(verify().problems()).extracting(AuditVerification.Problem::kind).contains("UNCHAINED_ROW");
    }

    private void allowTampering(Kind kind) {
        if (kind == Kind.H2) {
            fixture.jdbc.sql("DROP TRIGGER audit_log_no_update").update();
            fixture.jdbc.sql("DROP TRIGGER audit_log_no_delete").update();
        } else {
            fixture.jdbc.sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete").update();
        }
    }
}
