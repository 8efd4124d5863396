package org.sadasya.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The ground truth: compares the query with every entry (a brute-force scan with Lucene's SIMD dot
 * product where the runtime allows it). Exact, simple, and linear in the gallery: about right up to
 * a few lakh faces, and the reference the HNSW index is measured against.
 *
 * <p>Held in memory; when opened on a file, {@link #commit()} and {@link #close()} write a snapshot
 * atomically (write to a temporary file, then rename) and {@link #open(Path, int)} reads it back.
 */
public final class ExactFaceIndex implements FaceIndex {

    private static final int MAGIC = 0x53445849; // "SDXI"
    private static final int FORMAT_VERSION = 1;

    private final int dimension;
    private final Path file;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private Store store = new Store();
    private long highWaterMark = NO_SEQUENCE;
    private boolean closed;

    private ExactFaceIndex(int dimension, Path file) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        this.dimension = dimension;
        this.file = file;
    }

    /** An index that lives in memory only. */
    public static ExactFaceIndex inMemory(int dimension) {
        return new ExactFaceIndex(dimension, null);
    }

    /** An index persisted to {@code file}; reads the snapshot there if one exists. */
    public static ExactFaceIndex open(Path file, int dimension) {
        ExactFaceIndex index = new ExactFaceIndex(dimension, file);
        if (Files.exists(file)) {
            index.load();
        }
        return index;
    }

    @Override
    public void add(IndexEntry entry) {
        Vectors.checkDimension(entry.vector(), dimension);
        float[] unit = Vectors.normalized(entry.vector());
        lock.writeLock().lock();
        try {
            ensureOpen();
            store.put(entry.id(), entry.scope(), unit, entry.sequence());
            advance(entry.sequence());
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void remove(String id, long sequence) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            store.remove(id);
            advance(sequence);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<Neighbour> search(float[] query, int k, ScopeFilter scope) {
        Vectors.checkDimension(query, dimension);
        float[] q = Vectors.normalized(query);
        lock.readLock().lock();
        try {
            ensureOpen();
            Store s = store;
            TopK top = new TopK(k);
            for (int slot = 0; slot < s.size(); slot++) {
                if (scope.matches(s.scopes.get(slot))) {
                    top.offer(slot, Vectors.dot(q, s.vectors.get(slot)));
                }
            }
            List<Neighbour> out = new ArrayList<>(top.size());
            for (long slot : top.bestFirst()) {
                int i = (int) slot;
                out.add(new Neighbour(s.ids.get(i), s.scopes.get(i), Vectors.dot(q, s.vectors.get(i))));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean contains(String id) {
        lock.readLock().lock();
        try {
            return store.slots.containsKey(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return store.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public long highWaterMark() {
        lock.readLock().lock();
        try {
            return highWaterMark;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void commit() {
        lock.readLock().lock();
        try {
            ensureOpen();
            save();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void rebuild(Iterator<IndexEntry> entries) {
        Store fresh = new Store();
        long mark = NO_SEQUENCE;
        while (entries.hasNext()) {
            IndexEntry e = entries.next();
            Vectors.checkDimension(e.vector(), dimension);
            fresh.put(e.id(), e.scope(), Vectors.normalized(e.vector()), e.sequence());
            mark = Math.max(mark, e.sequence());
        }
        lock.writeLock().lock();
        try {
            ensureOpen();
            store = fresh;
            highWaterMark = mark;
            save();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                save();
                closed = true;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void advance(long sequence) {
        highWaterMark = Math.max(highWaterMark, sequence);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("index is closed");
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT_VERSION);
                out.writeInt(dimension);
                out.writeLong(highWaterMark);
                out.writeInt(store.size());
                for (int i = 0; i < store.size(); i++) {
                    out.writeUTF(store.ids.get(i));
                    out.writeUTF(store.scopes.get(i));
                    out.writeLong(store.sequences.get(i));
                    for (float v : store.vectors.get(i)) {
                        out.writeFloat(v);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the index snapshot " + file, e);
        }
    }

    private void load() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT_VERSION) {
                throw new IOException("not an exact-index snapshot (version " + FORMAT_VERSION + ")");
            }
            int dim = in.readInt();
            if (dim != dimension) {
                throw new IllegalStateException("snapshot has dimension " + dim + ", expected " + dimension);
            }
            highWaterMark = in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String id = in.readUTF();
                String scope = in.readUTF();
                long seq = in.readLong();
                float[] v = new float[dim];
                for (int j = 0; j < dim; j++) {
                    v[j] = in.readFloat();
                }
                store.put(id, scope, v, seq);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index snapshot " + file, e);
        }
    }

    /** Dense slots; a removal moves the last slot into the hole. */
    private static final class Store {
        final List<String> ids = new ArrayList<>();
        final List<String> scopes = new ArrayList<>();
        final List<float[]> vectors = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();
        final Map<String, Integer> slots = new HashMap<>();

        int size() {
            return ids.size();
        }

        void put(String id, String scope, float[] unit, long sequence) {
            Integer slot = slots.get(id);
            if (slot != null) {
                scopes.set(slot, scope);
                vectors.set(slot, unit);
                sequences.set(slot, sequence);
                return;
            }
            slots.put(id, ids.size());
            ids.add(id);
            scopes.add(scope);
            vectors.add(unit);
            sequences.add(sequence);
        }

        void remove(String id) {
            Integer slot = slots.remove(id);
            if (slot == null) {
                return;
            }
            int last = ids.size() - 1;
            if (slot != last) {
                ids.set(slot, ids.get(last));
                scopes.set(slot, scopes.get(last));
                vectors.set(slot, vectors.get(last));
                sequences.set(slot, sequences.get(last));
                slots.put(ids.get(slot), slot);
            }
            ids.remove(last);
            scopes.remove(last);
            vectors.remove(last);
            sequences.remove(last);
        }
    }
}
