package org.sadasya.member;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one model's member index under its directory: the Lucene index ({@code members/})
 * and the model file beside it ({@code members.properties}: the embedding model and dimension the
 * index was built for). The model file is written last by a rebuild, so a rebuild that did not
 * finish leaves none and is done again.
 */
final class MemberIndexFiles {

    private static final Logger log = LoggerFactory.getLogger(MemberIndexFiles.class);

    /** The embedding model of the indexed faces, as stored in member_face.model_version. */
    record Model(String version, int dimension) {}

    private final Path luceneDir;
    private final Path modelFile;

    MemberIndexFiles(Path dir) {
        this.luceneDir = dir.resolve("members");
        this.modelFile = dir.resolve("members.properties");
    }

    Path luceneDir() {
        return luceneDir;
    }

    boolean hasIndex() {
        return Files.isDirectory(luceneDir);
    }

    /** Fails when another process holds the index's write lock (a running service, say). */
    void requireNotInUse() {
        if (!hasIndex()) {
            return;
        }
        try (FSDirectory d = FSDirectory.open(luceneDir); Lock lock = d.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            lock.ensureValid();
        } catch (LockObtainFailedException e) {
            throw new HnswMemberFaceIndex.InUseException("the face index at " + luceneDir + " is in use (is the service running?)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the model file, then the index. */
    void delete() {
        try {
            Files.deleteIfExists(modelFile);
            if (Files.exists(luceneDir)) {
                try (Stream<Path> files = Files.walk(luceneDir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the face index at " + luceneDir, e);
        }
    }

    /** The model the index was built for; empty when the file is missing or unreadable (the index is then rebuilt). */
    Optional<Model> readModel() {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(modelFile)) {
            p.load(in);
            return Optional.of(new Model(p.getProperty("modelVersion"), Integer.parseInt(p.getProperty("dimension"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("face index: unreadable {} ({})", modelFile, e.toString());
            return Optional.empty();
        }
    }

    /** Writes the model file atomically (a temporary file moved over it). */
    void writeModel(Model m) {
        Properties p = new Properties();
        p.setProperty("modelVersion", m.version());
        p.setProperty("dimension", Integer.toString(m.dimension()));
        Path tmp = modelFile.resolveSibling(modelFile.getFileName() + ".tmp");
        try {
            Files.createDirectories(modelFile.getParent());
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "the embedding model of the faces in members/ (HnswMemberFaceIndex)");
            }
            Files.move(tmp, modelFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + modelFile, e);
        }
    }
}
