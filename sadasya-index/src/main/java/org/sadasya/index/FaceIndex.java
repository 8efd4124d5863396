package org.sadasya.index;

import java.util.Iterator;
import java.util.List;

/**
 * 1:N search over enrolled faces: the k most similar (cosine) faces to a query, optionally within a
 * scope (a district covers every booth below it, see {@link ScopePath}).
 *
 * <p><b>Source of truth.</b> The database holds the embeddings; an index is a derived, rebuildable
 * copy. Every change carries the caller's change number ({@code sequence}, e.g. the embeddings
 * table's change sequence), and the index keeps the highest one it has applied as its
 * {@link #highWaterMark()}, stored with each {@link #commit()}. After a restart a caller catches up
 * by replaying, in order, every change with a sequence above the high-water mark; adds are upserts
 * and removes are idempotent, so replaying a change the index already holds is harmless. When the
 * index is lost or its model changes, {@link #rebuild(Iterator)} reloads it from the database.
 *
 * <p><b>Concurrency.</b> Implementations are thread-safe: searches run concurrently with each other
 * and with adds and removes. A change is visible to every search that starts after the change
 * method returned.
 */
public interface FaceIndex extends AutoCloseable {

    /** The sequence of a change that carries none; it leaves the high-water mark unchanged. */
    long NO_SEQUENCE = -1;

    /** Adds a face, replacing any earlier entry with the same id. */
    void add(IndexEntry entry);

    default void add(String id, String scope, float[] vector) {
        add(new IndexEntry(id, scope, vector, NO_SEQUENCE));
    }

    default void add(String id, String scope, float[] vector, long sequence) {
        add(new IndexEntry(id, scope, vector, sequence));
    }

    /**
     * Adds several faces (upserts, in order); implementations may make the batch visible at once,
     * which is cheaper than one {@link #add(IndexEntry)} each (catch-up, bulk imports).
     */
    default void addAll(java.util.Collection<IndexEntry> entries) {
        for (IndexEntry e : entries) {
            add(e);
        }
    }

    /** Removes the entry with this id if present (idempotent). */
    void remove(String id, long sequence);

    default void remove(String id) {
        remove(id, NO_SEQUENCE);
    }

    /**
     * The {@code k} entries most similar to {@code query} among those {@code scope} admits, most
     * similar first, with exact cosine similarities. Fewer than {@code k} when fewer match.
     */
    List<Neighbour> search(float[] query, int k, ScopeFilter scope);

    /** Whether an entry with this id is present. */
    boolean contains(String id);

    /** Number of entries. */
    int size();

    /** Vector dimension this index holds. */
    int dimension();

    /**
     * The highest sequence applied so far ({@link #NO_SEQUENCE} when none); after reopening a
     * persisted index, the highest sequence of its last {@link #commit()}.
     */
    long highWaterMark();

    /** Makes every change so far durable, together with the high-water mark. */
    void commit();

    /**
     * Replaces the whole content with {@code entries} (e.g. a scan of the embeddings table) and
     * commits; the high-water mark becomes the highest sequence among them. Searches running
     * meanwhile see the old content until the new one is complete.
     */
    void rebuild(Iterator<IndexEntry> entries);

    @Override
    void close();
}
