package org.sadasya.listaudit;

import org.sadasya.common.OwnerOnly;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.image.RgbImage;
import org.sadasya.index.ExactFaceIndex;
import org.sadasya.index.FaceIndex;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.index.lucene.LuceneHnswFaceIndex;

/**
 * {@code sadasya audit DIR}: reads {@code DIR/members.csv}, analyses each named photo once on a
 * fixed pool of threads (checkpointing as it goes), finds face matches with the 1:N index, decides
 * the flags ({@link AssessMemberList}) and writes {@code audit.csv} and {@code report.html}.
 */
public final class RunListAudit {

    /** Above this many faces the HNSW index replaces the exact scan (exact: ~0.7 µs per pair, sadasya-index/README.md). */
    public static final int EXACT_INDEX_LIMIT = 20_000;
    private static final String INDEX_DIR = "face-index.tmp";

    public enum IndexKind { AUTO, EXACT, HNSW }

    /**
     * @param stopAfter stop after this many photos were analysed in this run, without writing the
     *                  outputs (-1: run to the end); simulates an interruption for the resume test
     */
    public record Options(Path listDir, Path outDir, int threads, IndexKind index, AssessMemberList rules,
            long stopAfter, PrintStream progress) {}

    /**
     * @param complete false when the run stopped early (no outputs written)
     */
    public record Result(ListFindings findings, int rows, int photosAnalysed, int photosFromCheckpoint,
            boolean complete, double seconds, String indexKind, Path auditCsv, Path report) {}

    private final PhotoInspector inspector;
    private final FaceEngine engine;

    public RunListAudit(FaceEngine engine) {
        this.engine = engine;
        this.inspector = new PhotoInspector(engine);
    }

    public Result run(Options o) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Path dir = o.listDir().toAbsolutePath().normalize();
        byte[] csv = Files.readAllBytes(dir.resolve("members.csv"));
        List<MemberRow> rows = MemberList.parse(new java.io.StringReader(new String(csv, java.nio.charset.StandardCharsets.UTF_8)));
        Files.createDirectories(o.outDir());

        // Which photo each row names; problems for the rows that name none we may read.
        Map<Integer, String> photoOfRow = new HashMap<>();
        Map<Integer, String> problems = new HashMap<>();
        Map<String, Path> photoFiles = new LinkedHashMap<>();
        for (MemberRow row : rows) {
            if (!row.readable()) {
                continue;
            }
            if (row.photo().isEmpty()) {
                problems.put(row.index(), "no photo named");
                continue;
            }
            Path file;
            try {
                file = dir.resolve(row.photo()).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                problems.put(row.index(), "photo path unreadable");
                continue;
            }
            if (!file.startsWith(dir) || Path.of(row.photo()).isAbsolute()) {
                problems.put(row.index(), "photo path outside the list folder");
                continue;
            }
            String key = dir.relativize(file).toString();
            photoOfRow.put(row.index(), key);
            photoFiles.putIfAbsent(key, file);
        }

        Map<String, PhotoFacts> facts = new ConcurrentHashMap<>();
        int fromCheckpoint = 0;
        AtomicInteger analysed = new AtomicInteger();
        boolean stopped;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, o.threads()));
        try {
        try (Checkpoint checkpoint = Checkpoint.open(o.outDir().resolve("checkpoint.jsonl"), sha256(csv),
                inspector.modelVersion())) {
            List<Map.Entry<String, Path>> todo = new ArrayList<>();
            for (var e : photoFiles.entrySet()) {
                PhotoFacts earlier = checkpoint.done().get(e.getKey());
                if (earlier != null && unchanged(earlier, e.getValue())) {
                    facts.put(e.getKey(), earlier);
                    fromCheckpoint++;
                } else {
                    todo.add(e);
                }
            }
            stopped = analyse(todo, checkpoint, facts, analysed, pool, o);
        }
            if (stopped) {
                return new Result(null, rows.size(), analysed.get(), fromCheckpoint, false, seconds(start), null, null, null);
            }
            List<PhotoFacts> photos = new ArrayList<>();
            List<float[]> embeddings = new ArrayList<>();
            for (MemberRow row : rows) {
                String key = photoOfRow.get(row.index());
                PhotoFacts p = key == null ? null : facts.get(key);
                photos.add(p);
                embeddings.add(p != null && p.hasFace() ? p.embedding() : null);
            }
            long faces = embeddings.stream().filter(e -> e != null).count();
            boolean hnsw = o.index() == IndexKind.HNSW || (o.index() == IndexKind.AUTO && faces > EXACT_INDEX_LIMIT);
            String indexKind = hnsw ? "Lucene HNSW (int8, exact re-ranking)" : "exact scan";
            List<FaceClusters.Pair> pairs;
            Path indexDir = o.outDir().resolve(INDEX_DIR);
            try (FaceIndex index = hnsw ? LuceneHnswFaceIndex.open(indexDir, 1024, HnswOptions.defaults())
                    : ExactFaceIndex.inMemory(1024)) {
                pairs = FacePairs.find(index, embeddings, inspector.matchThreshold(), pool);
            } finally {
                deleteTree(indexDir); // derived data holding embeddings: do not leave it behind
            }
            ListFindings findings = o.rules().assess(rows, photos, problems, pairs);

            Path auditCsv = o.outDir().resolve("audit.csv");
            Path report = o.outDir().resolve("report.html");
            OwnerOnly.write(auditCsv, AuditCsv.of(findings));
            AuditReport.Settings settings = new AuditReport.Settings(inspector.matchThreshold(),
                    o.rules().reuseDistance(), o.rules().sameSpot(), inspector.modelVersion(), indexKind);
            Map<Integer, Optional<String>> thumbs = new HashMap<>();
            OwnerOnly.write(report, AuditReport.of(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(),
                    findings, settings, row -> thumbs.computeIfAbsent(row, r -> thumbnail(photoFiles.get(photoOfRow.get(r)), photos.get(r)))));
            return new Result(findings, rows.size(), analysed.get(), fromCheckpoint, true, seconds(start), indexKind,
                    auditCsv, report);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Analyses the photos; true when stopped early by {@code stopAfter}. */
    private boolean analyse(List<Map.Entry<String, Path>> todo, Checkpoint checkpoint, Map<String, PhotoFacts> facts,
            AtomicInteger analysed, ExecutorService pool, Options o) throws IOException, InterruptedException {
        AtomicBoolean stop = new AtomicBoolean(o.stopAfter() == 0 && !todo.isEmpty());
        AtomicLong lastPrint = new AtomicLong(0);
        long t0 = System.nanoTime();
        int total = todo.size();
        List<Future<?>> futures = new ArrayList<>();
        for (var e : todo) {
            futures.add(pool.submit(() -> {
                if (stop.get()) {
                    return null;
                }
                PhotoFacts f = inspector.inspect(e.getKey(), e.getValue());
                synchronized (analysed) {
                    if (stop.get()) {
                        return null;
                    }
                    checkpoint.append(f);
                    facts.put(e.getKey(), f);
                    int n = analysed.incrementAndGet();
                    if (o.stopAfter() >= 0 && n >= o.stopAfter()) {
                        stop.set(true);
                    }
                    long now = System.nanoTime();
                    if (o.progress() != null && (now - lastPrint.get() > 500_000_000L || n == total)) {
                        lastPrint.set(now);
                        o.progress().printf(Locale.ROOT, "\r  %d/%d photos  %.1f/s", n, total, n / ((now - t0) / 1e9));
                        o.progress().flush();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException ex) {
                if (ex.getCause() instanceof IOException io) {
                    throw io; // the checkpoint could not be written: the run cannot be resumed, stop
                }
                throw new IllegalStateException("photo analysis failed", ex.getCause());
            }
        }
        if (o.progress() != null && total > 0) {
            o.progress().println();
        }
        return stop.get() && analysed.get() < total;
    }

    private static boolean unchanged(PhotoFacts earlier, Path file) {
        try {
            return earlier.sizeBytes() == Files.size(file)
                    && earlier.modifiedMillis() == Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return earlier.sizeBytes() == -1; // missing then and now: the recorded error stands
        }
    }

    /** A 112 × 112 JPEG of the face (its box widened by 40 %), or of the whole photo without a face. */
    private Optional<String> thumbnail(Path file, PhotoFacts facts) {
        if (file == null || facts == null || facts.error() != null) {
            return Optional.empty();
        }
        try {
            RgbImage image = engine.intake().decode(file).image();
            BufferedImage src = image.toBufferedImage();
            int x = 0, y = 0, w = src.getWidth(), h = src.getHeight();
            if (facts.box() != null) {
                double[] b = facts.box();
                double side = 1.4 * Math.max(b[2], b[3]);
                double cx = b[0] + b[2] / 2, cy = b[1] + b[3] / 2;
                x = (int) Math.max(0, Math.round(cx - side / 2));
                y = (int) Math.max(0, Math.round(cy - side / 2));
                w = (int) Math.min(src.getWidth() - x, Math.round(side));
                h = (int) Math.min(src.getHeight() - y, Math.round(side));
                if (w <= 0 || h <= 0) {
                    return Optional.empty();
                }
            }
            BufferedImage thumb = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = thumb.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            double scale = 112.0 / Math.max(w, h);
            int dw = (int) Math.round(w * scale), dh = (int) Math.round(h * scale);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, 112, 112);
            g.drawImage(src, (112 - dw) / 2, (112 - dh) / 2, (112 - dw) / 2 + dw, (112 - dh) / 2 + dh, x, y, x + w, y + h, null);
            g.dispose();
            return Optional.of(Base64.getEncoder().encodeToString(org.sadasya.common.InMemoryImages.encode(thumb, "jpg")));
        } catch (Exception e) { // a thumbnail is decoration: the report is written without it
            return Optional.empty();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
