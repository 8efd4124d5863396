package org.sadasya.member;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.sadasya.decision.MemberFaceIndex;
import org.sadasya.index.lucene.HnswOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One {@link HnswMemberFaceIndex} per embedding model, each in {@code <dir>/<model>/}: a search goes
 * to the index of its embedding's model. While the members are re-embedded for a new model, the old
 * model's index keeps answering and the new one is built beside it from the rows as they are written.
 */
public final class MemberFaceIndexes implements MemberFaceIndex, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemberFaceIndexes.class);

    private final JdbcClient jdbc;
    private final Path dir;
    private final HnswOptions options;
    private final Map<String, HnswMemberFaceIndex> open = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** Whether the models named at start are open; false while they are caught up or built in the background. */
    private volatile boolean ready = true;
    private volatile RuntimeException openFailure;
    /** The models named at start, which {@link #ready()} waits for. */
    private final List<String> startModels;

    private MemberFaceIndexes(JdbcClient jdbc, Path dir, HnswOptions options, Collection<String> startModels) {
        this.jdbc = jdbc;
        this.dir = dir;
        this.options = options;
        this.startModels = List.copyOf(startModels);
    }

    /** Opens (catching up or building) the index of each of {@code models} now; others when first searched. */
    public static MemberFaceIndexes open(JdbcClient jdbc, Path dir, HnswOptions options, Collection<String> models) {
        MemberFaceIndexes indexes = new MemberFaceIndexes(jdbc, dir, options, models);
        deleteSingleModelLayout(dir);
        try {
            models.forEach(indexes::of);
        } catch (RuntimeException e) {
            indexes.close();
            throw e;
        }
        return indexes;
    }

    /**
     * As {@link #open}, but the indexes are caught up or built on {@code executor} while the service
     * starts: a search waits for its model's index, and {@link #ready()} says when all are open (a
     * missing index of a million members takes tens of minutes to build).
     */
    public static MemberFaceIndexes openInBackground(JdbcClient jdbc, Path dir, HnswOptions options,
            Collection<String> models, java.util.concurrent.Executor executor) {
        MemberFaceIndexes indexes = new MemberFaceIndexes(jdbc, dir, options, models);
        deleteSingleModelLayout(dir);
        indexes.ready = false;
        executor.execute(() -> {
            try {
                for (String model : models) {
                    HnswMemberFaceIndex index = indexes.of(model);
                    if (indexes.closed) {
                        index.close(); // closed while this one was being built
                    }
                }
                indexes.ready = true;
                log.info("face index: ready ({})", String.join(", ", models));
            } catch (RuntimeException e) {
                if (!indexes.closed) {
                    indexes.openFailure = e;
                    log.error("face index: could not be opened; each search tries again (sadasya index rebuild rebuilds it)", e);
                }
            }
        });
        return indexes;
    }

    /**
     * Whether the indexes named at start are open (always, for {@link #open}). After a failed
     * background open, a search that opened them makes the service ready again, without a restart.
     */
    public boolean ready() {
        if (!ready && openFailure != null && !closed && open.keySet().containsAll(startModels)) {
            openFailure = null;
            ready = true;
            log.info("face index: ready after a search opened it ({})", String.join(", ", startModels));
        }
        return ready;
    }

    /** Why opening them in the background failed, if it did and no search has opened them since. */
    public java.util.Optional<RuntimeException> openFailure() {
        ready(); // clears the failure once a search has opened them
        return java.util.Optional.ofNullable(openFailure);
    }

    /** The index of one model's faces, opened on first use. */
    public HnswMemberFaceIndex of(String modelVersion) {
        if (closed) {
            throw new IllegalStateException("face indexes are closed");
        }
        return open.computeIfAbsent(modelVersion, v -> HnswMemberFaceIndex.open(jdbc, directoryOf(dir, v), v, options));
    }

    @Override
    public List<FaceMatch> nearest(String modelVersion, float[] embedding, int k) {
        return of(modelVersion).nearest(modelVersion, embedding, k);
    }

    @Override
    public List<FaceMatch> nearestWithin(String modelVersion, float[] embedding, int k, String unitPath) {
        return of(modelVersion).nearestWithin(modelVersion, embedding, k, unitPath);
    }

    /** Rebuilds the index of every model that has member faces ({@code sadasya index rebuild}). */
    public static List<HnswMemberFaceIndex.Rebuilt> rebuildAll(JdbcClient jdbc, Path dir, HnswOptions options) {
        deleteSingleModelLayout(dir);
        List<HnswMemberFaceIndex.Rebuilt> out = new ArrayList<>();
        for (String model : jdbc.sql("SELECT DISTINCT model_version FROM member_face ORDER BY model_version")
                .query(String.class).list()) {
            out.add(HnswMemberFaceIndex.rebuild(jdbc, directoryOf(dir, model), model, options));
        }
        return out;
    }

    /** {@code <dir>/<model version with anything but letters, digits, '.', '-' made '_'>}. */
    static Path directoryOf(Path dir, String modelVersion) {
        return dir.resolve(modelVersion.replaceAll("[^A-Za-z0-9.-]", "_"));
    }

    /** Older builds kept one model's index in {@code <dir>/members}: it is built again in its model's folder. */
    private static void deleteSingleModelLayout(Path dir) {
        Path legacy = dir.resolve("members");
        try {
            Files.deleteIfExists(dir.resolve("members.properties"));
            if (Files.isDirectory(legacy)) {
                log.info("face index: removing {} (one index per model now lives in {}/<model>)", legacy, dir);
                try (Stream<Path> files = Files.walk(legacy)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the old face index at " + legacy, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        open.values().forEach(HnswMemberFaceIndex::close);
        open.clear();
    }
}
