package org.sadasya.index.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.store.Directory;
import org.sadasya.index.IndexEntry;
import org.sadasya.index.Vectors;

/**
 * The learned {@link GraphProjection} of a projected index, kept in its own checksummed file in the
 * index directory and named in the commit's user data ({@link #COMMIT_PROJECTION}), so that a crash
 * never pairs a graph with another projection. A rebuild writes a new file; the commit that follows
 * names it, and the files no commit names are deleted after it.
 */
final class ProjectionStore {

    static final String COMMIT_PROJECTION = "sadasya.projection";
    static final String PROJECTION_FILE_PREFIX = "sadasya-projection-";
    /** Seeds the projection's random rotation: a rebuild of the same gallery learns the same projection. */
    private static final long ROTATION_SEED = 0x5ADA5A;

    private final Directory directory;
    private final int dimension;
    /** Changed only by a rebuild, under the index's write lock; each searcher keeps the one its reader was built with. */
    private volatile GraphProjection projection;
    private volatile String file;

    ProjectionStore(Directory directory, int dimension) {
        this.directory = directory;
        this.dimension = dimension;
    }

    /** Reads the projection the last commit names ({@code committedFile}; null = none). */
    void open(String committedFile) throws IOException {
        if (committedFile == null) {
            return;
        }
        GraphProjection p = GraphProjection.read(directory, committedFile);
        if (p.inputDimension() != dimension) {
            throw new IllegalStateException("the index's projection takes " + p.inputDimension()
                    + " dimensions, expected " + dimension);
        }
        projection = p;
        file = committedFile;
    }

    /** The projection new documents get; null = the graph is on the full vectors. */
    GraphProjection current() {
        return projection;
    }

    /** The file the next commit must name; null = none. */
    String file() {
        return file;
    }

    /**
     * The projection a rebuild starting with {@code head} uses: learned from it when a projection is
     * asked for and there are at least {@link HnswOptions#MIN_TRAINING_PER_DIMENSION} vectors per
     * projected dimension; otherwise none (the graph is built on the full vectors).
     */
    static GraphProjection learn(List<IndexEntry> head, HnswOptions options, int dimension) {
        int dims = options.projectedDimensions();
        if (dims == 0 || dims >= dimension || head.size() < HnswOptions.MIN_TRAINING_PER_DIMENSION * dims) {
            return null;
        }
        List<float[]> training = new ArrayList<>(head.size());
        for (IndexEntry e : head) {
            training.add(Vectors.normalized(e.vector()));
        }
        return GraphProjection.learn(training, dims, ROTATION_SEED);
    }

    /** Makes {@code p} the projection of new documents, stored in a new file that the next commit names. */
    void use(GraphProjection p) throws IOException {
        if (p == null) {
            projection = null;
            file = null;
            return;
        }
        Set<String> existing = Set.of(directory.listAll());
        long n = System.currentTimeMillis();
        String name;
        do {
            name = PROJECTION_FILE_PREFIX + Long.toString(n++, 36);
        } while (existing.contains(name));
        p.write(directory, name);
        projection = p;
        file = name;
    }

    /** Deletes projection files the last commit does not name (left by earlier rebuilds). */
    void deleteStale() throws IOException {
        for (String f : directory.listAll()) {
            if (f.startsWith(PROJECTION_FILE_PREFIX) && !f.equals(file)) {
                directory.deleteFile(f);
            }
        }
    }
}
