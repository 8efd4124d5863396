package org.sadasya.member;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.store.LockObtainFailedException;
import org.sadasya.common.Embeddings;
import org.sadasya.decision.MemberFaceIndex;
import org.sadasya.index.FaceIndex;
import org.sadasya.index.IndexEntry;
import org.sadasya.index.Neighbour;
import org.sadasya.index.ScopeFilter;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.index.lucene.LuceneHnswFaceIndex;
import org.sadasya.member.MemberIndexFiles.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The members' faces of one embedding model in a Lucene HNSW index on disk
 * ({@code <dir>/members}), kept current from that model's rows of the {@code member_face} table,
 * which stays the source of truth. {@link MemberFaceIndexes} keeps one per model.
 *
 * <ul>
 *   <li><b>Change order.</b> Every member face has a change number ({@code change_seq}, drawn under
 *       the member-issue lock, so numbers commit in increasing order; see V3 migration). The index
 *       remembers the highest applied ({@code highWaterMark}) in each Lucene commit.
 *   <li><b>Start.</b> Opens the index and replays the rows above its mark. It rebuilds from the
 *       table instead when the directory is missing or unreadable, when it was built for another
 *       dimension ({@code <dir>/members.properties}), or when its content does not match the
 *       table (more or fewer entries up to its mark, or a mark above the model's newest: another database).
 *   <li><b>Running.</b> Every search first reads the rows above the mark (one indexed query, nearly
 *       always empty) and applies them, so a search sees every member committed before it started;
 *       under the member-issue lock that is every member there is, which keeps the last duplicate
 *       check before issuing a member id exact. A background thread does the same every few seconds
 *       (members issued by other nodes) and commits when something changed; {@link #close} commits.
 *   <li><b>Models.</b> Embeddings of different models are not comparable: the index holds the faces
 *       of its own model only, and rows of other models (a member re-embedded for a new model) are
 *       not its concern. A query of another model or dimension finds nothing.
 * </ul>
 *
 * Index ids are member ids; scopes are the booth's org-unit path ({@code /1/4/9/} → {@code 1/4/9}),
 * so a search may be limited to a unit and everything below it. DUPLICATE_FACE searches all.
 */
public final class HnswMemberFaceIndex implements MemberFaceIndex, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HnswMemberFaceIndex.class);

    /** How often the background thread catches up and commits. */
    static final long COMMIT_EVERY_SECONDS = 5;

    private final MemberFaceFeed feed;
    /** The model whose faces this index holds (member_face.model_version). */
    private final String modelVersion;
    private final MemberIndexFiles files;
    private final HnswOptions options;
    /** Searches hold it shared; replacing the Lucene index (rebuild, close) holds it alone. */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private final ScheduledExecutorService background;
    /** Null while the table has no faces. Replaced only under both this monitor and {@code swap}'s write lock. */
    private volatile LuceneHnswFaceIndex index;
    private volatile Model model;
    private volatile Opening opening;
    /** The last tombstone read while there was no index (touched under this monitor). */
    private long passedTombstones = FaceIndex.NO_SEQUENCE;
    /** The high-water mark of the last commit (touched under this monitor). */
    private long committedMark = Long.MIN_VALUE;
    private boolean closed;
    /** Whether {@link #start} began: before it, this instance must not touch the files (they may be another's). */
    private boolean started;

    private HnswMemberFaceIndex(JdbcClient jdbc, Path dir, String modelVersion, HnswOptions options, boolean background) {
        this.feed = new MemberFaceFeed(jdbc);
        this.modelVersion = modelVersion;
        this.files = new MemberIndexFiles(dir);
        this.options = options;
        this.background = background ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sadasya-face-index");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Opens the index of {@code modelVersion}'s faces under {@code dir} (created if missing), brings
     * it up to date with the database — replaying the changes after its high-water mark, or
     * rebuilding it — and starts the background catch-up. Fails when another process has it open.
     */
    public static HnswMemberFaceIndex open(JdbcClient jdbc, Path dir, String modelVersion, HnswOptions options) {
        HnswMemberFaceIndex idx = new HnswMemberFaceIndex(jdbc, dir, modelVersion, options, true);
        try {
            idx.start();
        } catch (RuntimeException e) {
            idx.close();
            throw e;
        }
        idx.background.scheduleWithFixedDelay(idx::catchUpAndCommitQuietly, COMMIT_EVERY_SECONDS,
                COMMIT_EVERY_SECONDS, TimeUnit.SECONDS);
        return idx;
    }

    /**
     * Deletes the index under {@code dir} and builds it again from every member face of
     * {@code modelVersion} in the database ({@code sadasya index rebuild}). Refuses when another
     * process has the index open.
     */
    public static Rebuilt rebuild(JdbcClient jdbc, Path dir, String modelVersion, HnswOptions options) {
        long started = System.nanoTime();
        try (HnswMemberFaceIndex idx = new HnswMemberFaceIndex(jdbc, dir, modelVersion, options, false)) {
            synchronized (idx) {
                idx.files.requireNotInUse();
                idx.files.delete();
                idx.start();
                LuceneHnswFaceIndex i = idx.index;
                return new Rebuilt(i == null ? 0 : i.size(), idx.model == null ? null : idx.model.version(),
                        i == null ? FaceIndex.NO_SEQUENCE : i.highWaterMark(),
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }

    /**
     * How the index was brought up to date on start.
     *
     * @param rebuilt whether it was built from the database (no usable index on disk) rather than
     *     opened and caught up
     * @param markOnDisk the high-water mark found on disk (−1 when rebuilt)
     * @param mark the high-water mark once up to date
     */
    public record Opening(boolean rebuilt, long markOnDisk, long mark) {}

    /** Another index writer (a running service) holds the index directory. */
    public static final class InUseException extends IllegalStateException {
        InUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What {@link #rebuild} did: entries indexed, their model, the high-water mark, elapsed seconds. */
    public record Rebuilt(int members, String modelVersion, long highWaterMark, double seconds) {}

    @Override
    public List<FaceMatch> nearest(String queryModel, float[] embedding, int k) {
        return search(queryModel, embedding, k, ScopeFilter.all());
    }

    @Override
    public List<FaceMatch> nearestWithin(String queryModel, float[] embedding, int k, String unitPath) {
        return search(queryModel, embedding, k, ScopeFilter.within(scope(unitPath, -1)));
    }

    private List<FaceMatch> search(String queryModel, float[] embedding, int k, ScopeFilter filter) {
        if (!modelVersion.equals(queryModel)) {
            return List.of(); // another model's embedding: nothing comparable
        }
        catchUp();
        List<Neighbour> found;
        swap.readLock().lock();
        try {
            LuceneHnswFaceIndex i = index;
            if (i == null || embedding.length != i.dimension() || !searchable(embedding)) {
                return List.of(); // no faces yet, or another model's embedding: nothing comparable
            }
            found = i.search(embedding, k, filter);
        } finally {
            swap.readLock().unlock();
        }
        if (found.isEmpty()) {
            return List.of();
        }
        Map<Long, String> codes = feed.memberCodes(found.stream().map(n -> Long.parseLong(n.id())).toList());
        List<FaceMatch> out = new ArrayList<>(found.size());
        for (Neighbour n : found) {
            long id = Long.parseLong(n.id());
            out.add(new FaceMatch(id, codes.get(id), n.similarity()));
        }
        return out;
    }

    /** How the last start brought the index up to date. */
    public Opening opening() {
        return opening;
    }

    /** Faces in the index (0 while there are none in the database). */
    public int size() {
        LuceneHnswFaceIndex i = index;
        return i == null ? 0 : i.size();
    }

    /** The highest change number applied, −1 when none. */
    public long highWaterMark() {
        LuceneHnswFaceIndex i = index;
        return i == null ? FaceIndex.NO_SEQUENCE : i.highWaterMark();
    }

    /** The model whose faces this index holds. */
    public String modelVersion() {
        return modelVersion;
    }

    /** Applies the rows committed since the last call. Called by every search; safe to call any time. */
    public synchronized void catchUp() {
        if (closed || !started) {
            throw new IllegalStateException("face index is " + (closed ? "closed" : "not started"));
        }
        while (true) {
            long mark = Math.max(highWaterMark(), passedTombstones);
            List<Row> rows = feed.after(modelVersion, mark).stream().map(HnswMemberFaceIndex::row).toList();
            List<IndexEntry> batch = new ArrayList<>();
            for (Row r : rows) {
                if (r.erased()) {
                    addAll(batch);
                    batch = new ArrayList<>();
                    if (index != null) {
                        index.remove(Long.toString(r.memberId()), r.seq()); // a tombstone: the member's face is erased
                    } else {
                        passedTombstones = r.seq(); // nothing indexed to remove; do not read it again
                    }
                    continue;
                }
                if (!r.model().equals(model)) {
                    addAll(batch);
                    log.info("face index: {} member face of model {} ({} values, change {}); building the index",
                            model == null ? "first" : "a", modelVersion, r.model().dimension(), r.seq());
                    rebuildFor(r.model());
                    batch = null;
                    break; // the rebuild read every row of the model: continue from its mark
                }
                batch.add(r.entry());
            }
            if (batch != null) {
                addAll(batch);
                if (rows.size() < MemberFaceFeed.PAGE) {
                    return;
                }
            }
        }
    }

    /** Catches up, then commits if the mark moved since the last commit. */
    public synchronized void commit() {
        catchUp();
        LuceneHnswFaceIndex i = index;
        if (i != null && i.highWaterMark() != committedMark) {
            i.commit();
            committedMark = i.highWaterMark();
        }
    }

    @Override
    public void close() {
        if (background != null) {
            // no interrupt: an interrupted Lucene write closes its file channel and breaks the writer
            background.shutdown();
            try {
                background.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                if (started) {
                    catchUp(); // so that the next start has less to replay
                }
            } catch (RuntimeException e) {
                log.warn("face index: catch-up before closing failed: {}", e.toString());
            }
            closed = true;
            swap.writeLock().lock();
            try {
                if (index != null) {
                    index.close(); // commits, with the high-water mark
                    index = null;
                }
            } finally {
                swap.writeLock().unlock();
            }
        }
    }

    private synchronized void start() {
        files.requireNotInUse();
        started = true;
        Optional<Model> newest = feed.newestDimension(modelVersion).map(dimension -> new Model(modelVersion, dimension));
        if (newest.isEmpty()) {
            files.delete(); // no faces: whatever is on disk belongs to another database
            log.info("face index: no member faces of model {} in the database yet", modelVersion);
            opening = new Opening(false, FaceIndex.NO_SEQUENCE, FaceIndex.NO_SEQUENCE);
            return;
        }
        Model m = newest.get();
        if (m.equals(files.readModel().orElse(null)) && files.hasIndex()) {
            LuceneHnswFaceIndex opened = openExisting(m);
            if (opened != null && matchesDatabase(opened, m)) {
                setIndex(opened, m);
                committedMark = opened.highWaterMark();
                long before = opened.highWaterMark();
                catchUp();
                opening = new Opening(false, before, highWaterMark());
                log.info("face index: opened {} faces of model {}, caught up from change {} to {}", size(), m.version(),
                        before, highWaterMark());
                return;
            }
            if (opened != null) {
                opened.close();
            }
        } else {
            log.info("face index: none for model {} at {}; building it from the database", m.version(), files.luceneDir());
        }
        rebuildFor(m);
        catchUp();
        opening = new Opening(true, FaceIndex.NO_SEQUENCE, highWaterMark());
    }

    private LuceneHnswFaceIndex openExisting(Model m) {
        try {
            return LuceneHnswFaceIndex.open(files.luceneDir(), m.dimension(), options);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof LockObtainFailedException) {
                throw e; // another process has it open: deleting it under that process would be wrong
            }
            log.warn("face index at {} is unreadable ({}); rebuilding it from the database", files.luceneDir(), e.toString());
            return null;
        }
    }

    /** The index holds exactly this model's faces up to its mark, and the mark is not from a later database. */
    private boolean matchesDatabase(LuceneHnswFaceIndex opened, Model m) {
        long mark = opened.highWaterMark();
        long maxSeq = feed.newestChange(m.version());
        long expected = feed.liveUpTo(m.version(), mark);
        if (mark > maxSeq || expected != opened.size()) {
            log.warn("face index at {} does not match the database (mark {}, newest change {}, {} faces, {} expected);"
                    + " rebuilding it", files.luceneDir(), mark, maxSeq, opened.size(), expected);
            return false;
        }
        return true;
    }

    /** Replaces the index by one built from every row of model {@code m} (under this monitor). */
    private void rebuildFor(Model m) {
        long started = System.nanoTime();
        setIndex(null, null);
        files.delete();
        LuceneHnswFaceIndex fresh = LuceneHnswFaceIndex.open(files.luceneDir(), m.dimension(), options);
        try {
            fresh.rebuild(rowsOf(m.version()));
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        files.writeModel(m); // last: a rebuild that did not finish is rebuilt again on the next start
        setIndex(fresh, m);
        committedMark = fresh.highWaterMark();
        log.info("face index: built {} faces of model {} up to change {} in {} s", fresh.size(), m.version(),
                fresh.highWaterMark(), String.format("%.1f", (System.nanoTime() - started) / 1e9));
    }

    private void setIndex(LuceneHnswFaceIndex replacement, Model m) {
        swap.writeLock().lock();
        try {
            if (index != null && index != replacement) {
                index.close();
            }
            index = replacement;
            model = m;
        } finally {
            swap.writeLock().unlock();
        }
    }

    private void addAll(List<IndexEntry> batch) {
        if (!batch.isEmpty()) {
            index.addAll(batch);
        }
    }

    /** Every face of one model in change order, read in pages (never the whole table at once). */
    private Iterator<IndexEntry> rowsOf(String modelVersion) {
        Iterator<MemberFaceFeed.Change> changes = feed.all(modelVersion);
        return new Iterator<>() {
            private MemberFaceFeed.Change ahead;

            @Override
            public boolean hasNext() {
                while (ahead == null && changes.hasNext()) {
                    MemberFaceFeed.Change c = changes.next();
                    ahead = c.erased() ? null : c; // tombstones: nothing to build
                }
                return ahead != null;
            }

            @Override
            public IndexEntry next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                MemberFaceFeed.Change c = ahead;
                ahead = null;
                return row(c).entry();
            }
        };
    }

    private void catchUpAndCommitQuietly() {
        try {
            commit();
        } catch (RuntimeException e) {
            log.warn("face index: background catch-up failed: {}", e.toString());
        }
    }

    private static boolean searchable(float[] v) {
        boolean nonZero = false;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
            nonZero |= x != 0;
        }
        return nonZero;
    }

    private static Row row(MemberFaceFeed.Change c) {
        return new Row(c.sequence(), c.memberId(), scope(c.boothPath(), c.memberId()),
                new Model(c.modelVersion(), c.embedding().length), c.embedding(), c.erased());
    }

    /** {@code /1/4/9/} → {@code 1/4/9}: the booth and its ancestors by id, top first. */
    static String scope(String orgUnitPath, long memberId) {
        String s = orgUnitPath == null ? "" : orgUnitPath.replaceAll("^/+|/+$", "");
        if (s.isEmpty()) {
            throw new IllegalStateException("member " + memberId + " has a booth without an org-unit path");
        }
        return s;
    }

    private record Row(long seq, long memberId, String scope, Model model, float[] embedding, boolean erased) {
        IndexEntry entry() {
            return new IndexEntry(Long.toString(memberId), scope, embedding, seq);
        }
    }
}
