package org.sadasya.lab.identities;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One embedder's embeddings of the photos, by photo key, appended to a file as they are made so an
 * interrupted run resumes where it stopped. An empty array records "no face found". The cache is
 * research data of research images: keep it out of the repository (it lives under target/ by default).
 */
final class EmbeddingCache implements AutoCloseable {
    static final float[] NO_FACE = new float[0];

    private final Map<String, float[]> entries = new HashMap<>();
    private final DataOutputStream out;

    EmbeddingCache(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && !readAll(file)) {
                rewrite(file);
            }
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedding cache " + file, e);
        }
    }

    /** Reads every whole entry; false when the file ends inside one (a run killed mid-write). */
    private boolean readAll(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                String key;
                try {
                    key = in.readUTF();
                } catch (EOFException end) {
                    return true;
                }
                int n = in.readInt();
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.readFloat();
                }
                entries.put(key, n == 0 ? NO_FACE : v);
            }
        } catch (EOFException truncated) {
            return false;
        }
    }

    /** Writes the whole entries again, dropping a torn last one (it is made again). */
    private void rewrite(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream w = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            for (Map.Entry<String, float[]> e : entries.entrySet()) {
                write(w, e.getKey(), e.getValue());
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void write(DataOutputStream w, String key, float[] embedding) throws IOException {
        w.writeUTF(key);
        w.writeInt(embedding.length);
        for (float f : embedding) {
            w.writeFloat(f);
        }
    }

    synchronized float[] get(String key) {
        return entries.get(key);
    }

    synchronized void put(String key, float[] embedding) {
        entries.put(key, embedding);
        try {
            write(out, key, embedding);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
