package org.sadasya.lab.identities;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.PipelineMode;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;

/**
 * Verification at low FAR on shared/data/faces/identities, per embedder: per source, pooled, the
 * Indian sources, and the held-back people ({@link HeldBackSplit}). One JSON line per row on stdout,
 * progress on stderr.
 *
 * <p>{@code sadasya-lab/evaluate-identities.sh [--embedders a,b] [--threads 2] [--limit N]
 * [--sample-out FILE [--sample-people 200]]} fetches the candidate models and runs {@code
 * ./lab evaluate identities}.
 *
 * The face of a photo is its largest face in the default mode; a photo with no face is counted
 * ({@code noFace}) and left out of the pairs.
 */
public final class EvaluateIdentities {
    static final double[] FARS = {1e-3, 1e-4, 1e-5};
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluateIdentities() {}

    /**
     * What to evaluate: the shared folder, the candidate models' folders (npm packages), where the
     * embeddings are cached, the embedders by name, the thresholds of the budget table; {@code
     * limit} photos per person (0: all); {@code sampleOut} (or null) receives two photos each of
     * {@code samplePeople} people embedded by the first embedder, for fitting the index benchmark.
     */
    public record Options(Path shared, Path models, Path faceApi, Path tflite, Path cache, int threads, int limit,
            List<String> embedders, double[] budget, Path sampleOut, int samplePeople) {}

    public static void run(Options o) throws Exception {
        Path shared = o.shared();
        int threads = o.threads();
        int limit = o.limit();
        List<String> names = o.embedders();
        double[] budget = o.budget();

        List<IdentityPhoto> photos = IdentityPhotos.read(shared.resolve("data/faces/identities"));
        if (limit > 0) {
            photos = perIdentity(photos, limit);
        }
        try (FaceEngine engine = FaceEngine.create(PipelineMode.DEFAULT);
                CandidateEmbedders candidates = new CandidateEmbedders(o.models(), o.faceApi()).withTflite(o.tflite())) {
            List<Embedder> embedders = candidates.create(names);
            Map<String, EmbeddingCache> caches = new LinkedHashMap<>();
            for (Embedder e : embedders) {
                caches.put(e.name(), new EmbeddingCache(o.cache().resolve(e.name() + ".emb")));
            }
            embedAll(engine, photos, embedders, caches, threads);
            for (Embedder e : embedders) {
                var calls = EMBED_CALLS.get(e.name());
                if (calls != null && calls.sum() > 0) {
                    ObjectNode t = JSON.createObjectNode().put("embedder", e.name()).put("faces", calls.sum())
                            .put("threads", threads).put("msPerFace", round(EMBED_NANOS.get(e.name()).sum() / 1e6 / calls.sum()));
                    System.out.println(JSON.writeValueAsString(t));
                }
            }
            if (o.sampleOut() != null) {
                String first = embedders.get(0).name();
                EmbeddingSample.write(o.sampleOut(), first, photos, caches.get(first), o.samplePeople());
            }
            for (Embedder e : embedders) {
                report(e.name(), photos, caches.get(e.name()), threads, budget);
                caches.get(e.name()).close();
            }
        }
    }

    /** At most {@code n} photos of each person (a quick run), in manifest order. */
    private static List<IdentityPhoto> perIdentity(List<IdentityPhoto> photos, int n) {
        Map<String, Integer> taken = new HashMap<>();
        List<IdentityPhoto> out = new ArrayList<>();
        for (IdentityPhoto p : photos) {
            if (taken.merge(p.identity(), 1, Integer::sum) <= n) {
                out.add(p);
            }
        }
        return out;
    }

    static void embedAll(FaceEngine engine, List<IdentityPhoto> photos, List<Embedder> embedders,
            Map<String, EmbeddingCache> caches, int threads) throws InterruptedException {
        List<IdentityPhoto> todo = photos.stream()
                .filter(p -> embedders.stream().anyMatch(e -> caches.get(e.name()).get(p.key()) == null)).toList();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (IdentityPhoto p : todo) {
            pool.submit(() -> {
                try {
                    embedOne(engine, p, embedders, caches);
                } catch (RuntimeException ex) {
                    System.err.println("cannot embed " + p.key() + ": " + ex);
                }
                int d = done.incrementAndGet();
                if (d % 500 == 0 || d == todo.size()) {
                    System.err.printf(Locale.ROOT, "embedded %d of %d photos (%.0f ms each)%n", d, todo.size(),
                            (System.nanoTime() - start) / 1e6 / d * threads);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(7, TimeUnit.DAYS);
    }

    private static void embedOne(FaceEngine engine, IdentityPhoto p, List<Embedder> embedders, Map<String, EmbeddingCache> caches) {
        RgbImage image;
        try {
            image = engine.intake().decode(p.file()).image();
        } catch (ImageRejectedException ex) {
            for (Embedder e : embedders) {
                caches.get(e.name()).put(p.key(), EmbeddingCache.NO_FACE);
            }
            return;
        }
        FaceObservation face = engine.faces(image).stream()
                .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height())).orElse(null);
        for (Embedder e : embedders) {
            EmbeddingCache c = caches.get(e.name());
            if (c.get(p.key()) == null) {
                long t0 = System.nanoTime();
                float[] v = face == null ? EmbeddingCache.NO_FACE : e.embed(image, face);
                if (face != null) {
                    EMBED_NANOS.computeIfAbsent(e.name(), k -> new java.util.concurrent.atomic.LongAdder()).add(System.nanoTime() - t0);
                    EMBED_CALLS.computeIfAbsent(e.name(), k -> new java.util.concurrent.atomic.LongAdder()).increment();
                }
                c.put(p.key(), v);
            }
        }
    }

    /** Time spent per embedder on the faces embedded in this run (alignment, model calls with the mirrored face). */
    private static final Map<String, java.util.concurrent.atomic.LongAdder> EMBED_NANOS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, java.util.concurrent.atomic.LongAdder> EMBED_CALLS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Gallery sizes of the error budget: members each enrolment is compared with. */
    static final double[] GALLERIES = {1e5, 1e6, 1e7};
    /** Below this many impostor pairs at or above a threshold, its FAR is read from the fitted tail. */
    static final int MEASURED_MIN_PAIRS = 10;

    private static void report(String embedder, List<IdentityPhoto> photos, EmbeddingCache cache, int threads,
            double[] budget) throws Exception {
        Map<String, float[]> embeddings = new HashMap<>();
        for (IdentityPhoto p : photos) {
            embeddings.put(p.key(), cache.get(p.key()));
        }
        Map<String, Predicate<IdentityPhoto>> rows = new LinkedHashMap<>();
        photos.stream().map(IdentityPhoto::source).distinct().sorted()
                .forEach(s -> rows.put("source " + s, p -> p.source().equals(s)));
        rows.put("pooled", p -> true);
        rows.put("pooled Indian sources", p -> !p.source().startsWith("celeba"));
        rows.put("dev (not held back)", p -> !HeldBackSplit.isHeldBack(p.identity()));
        rows.put("held back", p -> HeldBackSplit.isHeldBack(p.identity()));
        rows.put("held back, Indian sources", p -> HeldBackSplit.isHeldBack(p.identity()) && !p.source().startsWith("celeba"));
        ScoredPhotos all = ScoredPhotos.of(photos, embeddings, p -> true).withAllScores(threads);
        for (Map.Entry<String, Predicate<IdentityPhoto>> row : rows.entrySet()) {
            List<IdentityPhoto> in = photos.stream().filter(row.getValue()).toList();
            long noFace = in.stream().filter(p -> embeddings.get(p.key()) == null || embeddings.get(p.key()).length == 0).count();
            ScoredPhotos scored = all.subset(row.getValue());
            boolean withBudget = row.getKey().equals("pooled") || row.getKey().startsWith("dev") || row.getKey().equals("held back");
            VerificationAtLowFar.Result r = VerificationAtLowFar.measure(scored, FARS, withBudget ? budget : new double[0], threads, 7);
            ObjectNode line = JSON.createObjectNode();
            line.put("embedder", embedder).put("set", row.getKey()).put("photos", in.size()).put("noFace", noFace)
                    .put("people", r.people()).put("genuinePairs", r.genuinePairs()).put("impostorPairs", r.impostorPairs())
                    .put("peoplePairs", r.peoplePairs()).put("eer", round(r.eer()));
            for (VerificationAtLowFar.AtFar a : r.atFar()) {
                if (Double.isNaN(a.targetFar())) {
                    System.out.println(JSON.writeValueAsString(budgetLine(embedder, row.getKey(), r, a)));
                    continue;
                }
                String k = "far" + String.format(Locale.ROOT, "%.0e", a.targetFar()).replace("e-0", "e-");
                line.putObject(k).put("threshold", round(a.threshold())).put("tar", round(a.tar())).put("far", a.far())
                        .put("falseAccepts", a.falseAccepts())
                        .put("tar95", round(a.tarLow()) + ".." + round(a.tarHigh()))
                        .put("far95", String.format(Locale.ROOT, "%.1e..%.1e", a.farLow(), a.farHigh()));
            }
            System.out.println(JSON.writeValueAsString(line));
        }
    }

    /**
     * One threshold's error budget: against N unrelated members an enrolment raises a false
     * duplicate with probability 1 − (1 − FAR)^N (comparisons taken as independent).
     */
    private static ObjectNode budgetLine(String embedder, String set, VerificationAtLowFar.Result r, VerificationAtLowFar.AtFar a) {
        boolean measured = a.falseAccepts() >= MEASURED_MIN_PAIRS;
        double far = measured ? a.far() : r.extrapolatedFar(a.threshold());
        ObjectNode line = JSON.createObjectNode();
        line.put("embedder", embedder).put("set", set).put("budgetThreshold", round(a.threshold()))
                .put("tar", round(a.tar())).put("tar95", round(a.tarLow()) + ".." + round(a.tarHigh()))
                .put("impostorPairsAtOrAbove", a.falseAccepts()).put("far", far)
                .put("farFrom", measured ? "measured" : "extrapolated (exponential tail fitted to FAR 1e-6..1e-3)");
        if (measured) {
            line.put("far95", String.format(Locale.ROOT, "%.1e..%.1e", a.farLow(), a.farHigh()));
        }
        for (double n : GALLERIES) {
            double rate = 1 - Math.pow(1 - far, n);
            String g = String.format(Locale.ROOT, "%.0e", n).replace("e+0", "e");
            line.put("falseDuplicateRate@" + g, rate).put("reviewsPerLakh@" + g, Math.round(rate * 100_000 * 10) / 10.0);
        }
        return line;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
