package org.sadasya.listaudit;

import org.sadasya.common.OwnerOnly;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit's progress on disk: {@code OUTDIR/checkpoint.jsonl}, one JSON line per analysed photo
 * after a header line naming the list's SHA-256 and the model version. Lines are appended and
 * flushed as photos finish, so a run stopped at any point (Ctrl-C, a crash, a power cut) loses at
 * most the photos in flight. On resume the file is read back; a torn last line is dropped; a header
 * for another list or another model discards the whole file. Embeddings are stored as the exact
 * float bits (base64, little-endian), so a resumed run computes exactly what an uninterrupted one
 * does. The file holds face embeddings — biometric data — and is written owner-only.
 */
public final class Checkpoint implements AutoCloseable {

    static final String FORMAT = "sadasya-audit-checkpoint/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, PhotoFacts> done;
    private final boolean resumed;
    private BufferedWriter out;

    private Checkpoint(Path file, Map<String, PhotoFacts> done, boolean resumed) {
        this.file = file;
        this.done = done;
        this.resumed = resumed;
    }

    /**
     * Opens (or starts) the checkpoint for this list and model; rewrites the kept records to a clean
     * file so that appends follow a complete line.
     */
    public static Checkpoint open(Path file, String inputSha256, String modelVersion) throws IOException {
        Map<String, PhotoFacts> done = new LinkedHashMap<>();
        boolean resumed = false;
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && header(inputSha256, modelVersion).equals(lines.get(0))) {
                resumed = true;
                for (String line : lines.subList(1, lines.size())) {
                    PhotoFacts f = parse(line);
                    if (f != null) {
                        done.put(f.photo(), f);
                    }
                }
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        OwnerOnly.create(tmp);
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write(header(inputSha256, modelVersion));
            w.newLine();
            for (PhotoFacts f : done.values()) {
                w.write(format(f));
                w.newLine();
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Checkpoint c = new Checkpoint(file, done, resumed);
        c.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return c;
    }

    /** True when records of an earlier run of the same list and model were found. */
    public boolean resumed() {
        return resumed;
    }

    /** The photos already analysed, by the path the list names them with. */
    public Map<String, PhotoFacts> done() {
        return done;
    }

    public synchronized void append(PhotoFacts facts) throws IOException {
        out.write(format(facts));
        out.newLine();
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    public Path file() {
        return file;
    }

    static String header(String inputSha256, String modelVersion) {
        ObjectNode h = JSON.createObjectNode();
        h.put("format", FORMAT);
        h.put("input", inputSha256);
        h.put("model", modelVersion);
        return h.toString();
    }

    static String format(PhotoFacts f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("photo", f.photo());
        n.put("size", f.sizeBytes());
        n.put("modified", f.modifiedMillis());
        if (f.error() != null) {
            n.put("error", f.error());
        }
        n.put("faces", f.faceCount());
        if (f.box() != null) {
            ArrayNode b = n.putArray("box");
            for (double v : f.box()) {
                b.add(v);
            }
        }
        if (f.embedding() != null) {
            ByteBuffer buf = ByteBuffer.allocate(4 * f.embedding().length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(f.embedding());
            n.put("embedding", Base64.getEncoder().encodeToString(buf.array()));
        }
        if (f.differenceHash() != null) {
            n.put("dhash", Long.toHexString(f.differenceHash()));
        }
        if (!Double.isNaN(f.spoofScore())) {
            n.put("spoof", f.spoofScore());
        }
        if (f.verdict() != null) {
            n.put("verdict", f.verdict());
        }
        if (f.exifLatitude() != null) {
            n.put("exifLat", f.exifLatitude());
            n.put("exifLon", f.exifLongitude());
        }
        return n.toString();
    }

    /** The record of one line, or null for a torn or foreign line. */
    static PhotoFacts parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.hasNonNull("photo")) {
                return null;
            }
            double[] box = null;
            if (n.has("box")) {
                box = new double[4];
                for (int i = 0; i < 4; i++) {
                    box[i] = n.get("box").get(i).asDouble();
                }
            }
            float[] embedding = null;
            if (n.has("embedding")) {
                ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(n.get("embedding").asText()))
                        .order(ByteOrder.LITTLE_ENDIAN);
                embedding = new float[buf.remaining() / 4];
                buf.asFloatBuffer().get(embedding);
            }
            return new PhotoFacts(n.get("photo").asText(), n.get("size").asLong(), n.get("modified").asLong(),
                    n.has("error") ? n.get("error").asText() : null, n.get("faces").asInt(), box, embedding,
                    n.has("dhash") ? Long.parseUnsignedLong(n.get("dhash").asText(), 16) : null,
                    n.has("spoof") ? n.get("spoof").asDouble() : Double.NaN,
                    n.has("verdict") ? n.get("verdict").asText() : null,
                    n.has("exifLat") ? n.get("exifLat").asDouble() : null,
                    n.has("exifLon") ? n.get("exifLon").asDouble() : null);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
