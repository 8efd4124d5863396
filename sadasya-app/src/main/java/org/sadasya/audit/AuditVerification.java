package org.sadasya.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the audit log in id order and checks its hash chain: every chained row's hash, every link to
 * the row before, no unchained row after the chain began, and the last row against the chain head
 * (so deleting the newest rows is found too). Whoever can rewrite the whole table and the head can
 * also rebuild a consistent chain: keep the printed head ({@code lastId}, {@code lastHash})
 * somewhere else, and compare it on the next check.
 */
public final class AuditVerification {

    /** At most this many problems are listed; the count covers them all. */
    static final int LISTED = 20;

    public record Problem(long id, String kind) {}

    public record Report(long rows, long chained, long unchained, long problemCount, List<Problem> problems,
            Long lastId, String lastHash) {
        public boolean intact() {
            return problemCount == 0;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public AuditVerification(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        // streamed in batches: a state's log has millions of rows (PostgreSQL streams only inside a transaction)
        this.jdbc.setFetchSize(1000);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.tx.setReadOnly(true);
    }

    public Report verify() {
        return tx.execute(status -> walk());
    }

    private Report walk() {
        Walk walk = new Walk();
        jdbc.query("SELECT id, at, actor, action, entity_type, entity_id, detail, prev_hash, row_hash FROM audit_log ORDER BY id",
                rs -> {
                    walk.row(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
                });
        record Head(Long lastId, String lastHash) {}
        Head head = jdbc.queryForObject("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1",
                (rs, i) -> new Head(rs.getObject(1, Long.class), rs.getString(2)));
        boolean headMatches = head.lastHash().equals(walk.expectedPrev)
                && (head.lastId() == null ? walk.lastChainedId == null : head.lastId().equals(walk.lastChainedId));
        if (!headMatches) {
            walk.problem(head.lastId() == null ? -1 : head.lastId(), "HEAD_MISMATCH");
        }
        return new Report(walk.rows, walk.chained, walk.unchained, walk.problemCount, List.copyOf(walk.problems),
                head.lastId(), head.lastHash());
    }

    private static final class Walk {
        long rows;
        long chained;
        long unchained;
        long problemCount;
        final List<Problem> problems = new ArrayList<>();
        String expectedPrev = AuditChain.GENESIS;
        Long lastChainedId;

        void row(long id, OffsetDateTime at, String actor, String action, String entityType, String entityId,
                String detail, String prevHash, String rowHash) {
            rows++;
            if (rowHash == null) {
                unchained++;
                if (lastChainedId != null) {
                    problem(id, "UNCHAINED_ROW");
                }
                return;
            }
            chained++;
            if (!expectedPrev.equals(prevHash)) {
                // the row before was deleted or changed, or this one was moved
                problem(id, "LINK_BROKEN");
            }
            if (!AuditChain.hash(prevHash, at, actor, action, entityType, entityId, detail).equals(rowHash)) {
                problem(id, "ROW_CHANGED");
            }
            expectedPrev = rowHash;
            lastChainedId = id;
        }

        void problem(long id, String kind) {
            problemCount++;
            if (problems.size() < LISTED) {
                problems.add(new Problem(id, kind));
            }
        }
    }
}
