package org.sadasya.member;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.sadasya.common.Embeddings;
import org.sadasya.face.FaceEngine;
import org.sadasya.verification.MemberFaceIndex;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exact (brute-force) 1:N search over every stored member embedding. Keeps the embeddings in memory
 * and reads new rows on each search; rows are found by creation time with a safety window, because
 * identity order is not commit order when several verifiers insert at once. The HNSW index of
 * sadasya-index replaces this behind the same port when the member count makes a scan too slow.
 */
public final class ExactMemberFaceIndex implements MemberFaceIndex {

    /** A transaction that commits later than this after its row's timestamp would be missed. */
    private static final Duration COMMIT_WINDOW = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<Seen> seen = new HashSet<>();
    private OffsetDateTime newestSeen;

    public ExactMemberFaceIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<FaceMatch> nearest(String modelVersion, float[] embedding, int k) {
        return nearestWithin(modelVersion, embedding, k, "/");
    }

    @Override
    public synchronized List<FaceMatch> nearestWithin(String modelVersion, float[] embedding, int k, String unitPath) {
        refresh();
        PriorityQueue<FaceMatch> best = new PriorityQueue<>(Comparator.comparingDouble(FaceMatch::similarity));
        for (Entry e : entries) {
            if (!e.modelVersion.equals(modelVersion) || e.embedding.length != embedding.length
                    || !e.boothPath.startsWith(unitPath)) {
                continue; // another model's embedding: not comparable
            }
            best.add(new FaceMatch(e.memberId, e.memberCode, FaceEngine.cosineSimilarity(embedding, e.embedding)));
            if (best.size() > k) {
                best.poll();
            }
        }
        List<FaceMatch> out = new ArrayList<>(best);
        out.sort(Comparator.comparingDouble(FaceMatch::similarity).reversed());
        return out;
    }

    private void refresh() {
        var rows = newestSeen == null
                ? jdbc.sql("SELECT f.member_id, m.member_code, f.embedding, f.created_at, f.model_version, o.path FROM member_face f"
                        + " JOIN member m ON m.id = f.member_id JOIN org_unit o ON o.id = m.booth_id").query(this::row).list()
                : jdbc.sql("SELECT f.member_id, m.member_code, f.embedding, f.created_at, f.model_version, o.path FROM member_face f"
                        + " JOIN member m ON m.id = f.member_id JOIN org_unit o ON o.id = m.booth_id WHERE f.created_at >= ?")
                        .params(newestSeen.minus(COMMIT_WINDOW)).query(this::row).list();
        for (Row r : rows) {
            if (seen.add(new Seen(r.entry.memberId, r.entry.modelVersion))) {
                entries.add(r.entry);
            }
            if (newestSeen == null || r.createdAt.isAfter(newestSeen)) {
                newestSeen = r.createdAt;
            }
        }
    }

    private Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Row(new Entry(rs.getLong(1), rs.getString(2), Embeddings.fromBytes(rs.getBytes(3)), rs.getString(5),
                rs.getString(6) == null ? "" : rs.getString(6)),
                rs.getObject(4, OffsetDateTime.class));
    }

    private record Entry(long memberId, String memberCode, float[] embedding, String modelVersion, String boothPath) {}

    private record Seen(long memberId, String modelVersion) {}

    private record Row(Entry entry, OffsetDateTime createdAt) {}
}
