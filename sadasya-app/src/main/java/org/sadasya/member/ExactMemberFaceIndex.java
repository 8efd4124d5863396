package org.sadasya.member;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.sadasya.decision.MemberFaceIndex;
import org.sadasya.face.Similarity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exact (brute-force) 1:N search over every stored member embedding. Keeps the embeddings in memory
 * and applies the {@link MemberFaceFeed}'s new rows before each search, as the HNSW index does, so
 * a search sees every member committed before it began. The HNSW index of sadasya-index replaces
 * this behind the same port when the member count makes a scan too slow.
 */
public final class ExactMemberFaceIndex implements MemberFaceIndex {

    private final MemberFaceFeed feed;
    /** By member and model: a face written again (a new change number) replaces the old one. */
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long applied = -1;

    public ExactMemberFaceIndex(JdbcClient jdbc) {
        this.feed = new MemberFaceFeed(jdbc);
    }

    @Override
    public List<FaceMatch> nearest(String modelVersion, float[] embedding, int k) {
        return nearestWithin(modelVersion, embedding, k, "/");
    }

    @Override
    public synchronized List<FaceMatch> nearestWithin(String modelVersion, float[] embedding, int k, String unitPath) {
        catchUp();
        PriorityQueue<FaceMatch> best = new PriorityQueue<>(Comparator.comparingDouble(FaceMatch::similarity));
        for (Entry e : entries.values()) {
            if (!e.modelVersion.equals(modelVersion) || e.embedding.length != embedding.length
                    || !e.boothPath.startsWith(unitPath)) {
                continue; // another model's embedding is not comparable; another unit is out of scope
            }
            best.add(new FaceMatch(e.memberId, e.memberCode, Similarity.cosine(embedding, e.embedding)));
            if (best.size() > k) {
                best.poll();
            }
        }
        List<FaceMatch> out = new ArrayList<>(best);
        out.sort(Comparator.comparingDouble(FaceMatch::similarity).reversed());
        return out;
    }

    private void catchUp() {
        while (true) {
            List<MemberFaceFeed.Change> page = feed.after(null, applied);
            for (MemberFaceFeed.Change c : page) {
                applied = c.sequence();
                if (c.erased()) {
                    entries.remove(c.memberId() + "/" + c.modelVersion());
                    continue;
                }
                entries.put(c.memberId() + "/" + c.modelVersion(), new Entry(c.memberId(), c.memberCode(), c.embedding(), c.modelVersion(),
                        c.boothPath() == null ? "" : c.boothPath()));
            }
            if (page.size() < MemberFaceFeed.PAGE) {
                return;
            }
        }
    }

    private record Entry(long memberId, String memberCode, float[] embedding, String modelVersion, String boothPath) {}
}
