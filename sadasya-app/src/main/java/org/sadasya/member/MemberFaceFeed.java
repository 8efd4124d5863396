package org.sadasya.member;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.sadasya.common.Embeddings;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The member faces in change order: every row of {@code member_face} has a change number
 * ({@code change_seq}) drawn under the member-issue lock, so numbers commit in increasing order (V3
 * migration) and "everything after the last number I applied" never misses a row that commits
 * late. Both member indexes keep themselves current from it.
 */
public final class MemberFaceFeed {

    /** Rows per query: a catch-up never reads the whole table at once. */
    static final int PAGE = 1000;

    /**
     * One member face: its change number, the member, the booth's org-unit path, the model and the
     * embedding; or, when {@code erased}, a tombstone (empty embedding): the member's face is to be
     * removed (V17 migration).
     */
    public record Change(long sequence, long memberId, String memberCode, String boothPath, String modelVersion,
            float[] embedding, boolean erased) {}

    private static final String SELECT = "SELECT f.change_seq, f.member_id, m.member_code, o.path, f.model_version,"
            + " f.embedding, f.erased FROM member_face f JOIN member m ON m.id = f.member_id JOIN org_unit o ON o.id = m.booth_id";

    private final JdbcClient jdbc;

    public MemberFaceFeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@link #PAGE} faces of {@code modelVersion} (null: of every model) after change {@code after}, in change order. */
    public List<Change> after(String modelVersion, long after) {
        return modelVersion == null
                ? jdbc.sql(SELECT + " WHERE f.change_seq > ? ORDER BY f.change_seq LIMIT " + PAGE).params(after)
                        .query(MemberFaceFeed::change).list()
                : jdbc.sql(SELECT + " WHERE f.model_version = ? AND f.change_seq > ? ORDER BY f.change_seq LIMIT " + PAGE)
                        .params(modelVersion, after).query(MemberFaceFeed::change).list();
    }

    /** Every face of {@code modelVersion} (null: of every model) in change order, read a page at a time. */
    public Iterator<Change> all(String modelVersion) {
        return new Iterator<>() {
            private Iterator<Change> page = List.<Change>of().iterator();
            private long after = -1;
            private boolean last;

            @Override
            public boolean hasNext() {
                if (!page.hasNext() && !last) {
                    List<Change> rows = after(modelVersion, after);
                    last = rows.size() < PAGE;
                    if (!rows.isEmpty()) {
                        after = rows.get(rows.size() - 1).sequence();
                    }
                    page = rows.iterator();
                }
                return page.hasNext();
            }

            @Override
            public Change next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }

    /** The dimension of the newest live (not erased) face of {@code modelVersion}; empty when it has none. */
    public java.util.Optional<Integer> newestDimension(String modelVersion) {
        return jdbc.sql("SELECT embedding FROM member_face WHERE model_version = ? AND erased = FALSE"
                        + " ORDER BY change_seq DESC LIMIT 1").params(modelVersion)
                .query((rs, r) -> Embeddings.fromBytes(rs.getBytes(1)).length).optional();
    }

    /** The newest change number of {@code modelVersion}'s faces, tombstones included; -1 when there is none. */
    public long newestChange(String modelVersion) {
        return jdbc.sql("SELECT COALESCE(MAX(change_seq), -1) FROM member_face WHERE model_version = ?")
                .params(modelVersion).query(Long.class).single();
    }

    /** How many live faces of {@code modelVersion} have a change number up to {@code mark}: what an index at that mark holds. */
    public long liveUpTo(String modelVersion, long mark) {
        return jdbc.sql("SELECT COUNT(*) FROM member_face WHERE change_seq <= ? AND model_version = ? AND erased = FALSE")
                .params(mark, modelVersion).query(Long.class).single();
    }

    /** The member ids' codes (for search results). */
    public Map<Long, String> memberCodes(java.util.Collection<Long> memberIds) {
        return jdbc.sql("SELECT id, member_code FROM member WHERE id IN (:ids)").param("ids", memberIds)
                .query((rs, r) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Change change(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Change(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Embeddings.fromBytes(rs.getBytes(6)), rs.getBoolean(7));
    }
}
