package org.sadasya.lab.pad;

import org.sadasya.face.pad.PadFeatures;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.image.ImageIntake;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;

/**
 * The evaluation data: every image of {@code shared/data/pad} (with its source, label and attack
 * type from the source's manifest) and every genuine photo of {@code shared/data/faces}, run through
 * the face engine and the feature extractors once. The result is cached as JSON, keyed by the
 * feature layout, so that training and evaluation can be repeated in seconds.
 */
public final class PadDataset {

    /** Bump when features change, so that a stale cache is not read. */
    static final String FEATURE_VERSION = "pad-features-1/" + PadFeatures.FACE_LENGTH + "/" + PadFeatures.IMAGE_LENGTH;

    /** One face of an image. */
    public record Face(
            @JsonProperty("box") double[] box,
            @JsonProperty("detectionScore") double detectionScore,
            @JsonProperty("antispoofReal") double antispoofReal,
            @JsonProperty("livenessLive") double livenessLive,
            @JsonProperty("features") double[] features) {}

    /**
     * One image.
     *
     * @param set        {@code pad} or {@code faces}
     * @param source     the source folder, e.g. {@code nuaa}, or for faces {@code deepface}, {@code multi/dlib}
     * @param file       path relative to the shared folder
     * @param attack     true for a presentation attack
     * @param attackType the manifest's attack type, {@code none} for genuine
     * @param subject    the manifest's subject (may be blank)
     * @param faces      faces found, highest detection score first (empty: no face found)
     * @param image      whole-image features
     */
    public record Sample(
            @JsonProperty("set") String set,
            @JsonProperty("source") String source,
            @JsonProperty("file") String file,
            @JsonProperty("attack") boolean attack,
            @JsonProperty("attackType") String attackType,
            @JsonProperty("subject") String subject,
            @JsonProperty("faces") List<Face> faces,
            @JsonProperty("image") double[] image) {

        public boolean hasFace() {
            return !faces.isEmpty();
        }

        /** The primary face (highest detection score, DESIGN.md). */
        public Face primary() {
            return faces.get(0);
        }

        /** Print or screen, the two attack families the goals are stated for. */
        public String attackFamily() {
            return family(attackType);
        }
    }

    public static String family(String attackType) {
        String t = attackType.toLowerCase(Locale.ROOT);
        if (t.startsWith("print")) {
            return "print";
        }
        if (t.startsWith("screen")) {
            return "screen";
        }
        return t;
    }

    private PadDataset() {}

    /** Loads from the cache when it matches this feature layout, else extracts (slow) and writes the cache. */
    public static List<Sample> load(Path shared, Path cache) throws IOException {
        ObjectMapper json = new ObjectMapper();
        if (cache != null && Files.isRegularFile(cache)) {
            Map<String, Object> cached = json.readValue(cache.toFile(), new TypeReference<>() {});
            if (FEATURE_VERSION.equals(cached.get("version"))) {
                return json.convertValue(cached.get("samples"), new TypeReference<List<Sample>>() {});
            }
            System.err.println("feature cache " + cache + " is stale; re-extracting");
        }
        List<Sample> samples = extract(shared);
        if (cache != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("version", FEATURE_VERSION);
            out.put("samples", samples);
            Files.createDirectories(cache.toAbsolutePath().getParent());
            json.writeValue(cache.toFile(), out);
        }
        return samples;
    }

    static List<Sample> extract(Path shared) throws IOException {
        List<Sample> out = new ArrayList<>();
        ImageIntake intake = new ImageIntake(org.sadasya.face.image.ImageLimits.DEFAULT);
        try (FaceEngine engine = FaceEngine.create(org.sadasya.face.PipelineMode.DEFAULT)) {
            Path pad = shared.resolve("data/pad");
            List<Path> sources;
            try (Stream<Path> s = Files.list(pad)) {
                sources = s.filter(p -> Files.isRegularFile(p.resolve("manifest.tsv"))).sorted().toList();
            }
            for (Path src : sources) {
                List<String> lines = Files.readAllLines(src.resolve("manifest.tsv"), StandardCharsets.UTF_8);
                String[] header = lines.get(0).split("\t", -1);
                Map<String, Integer> col = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    col.put(header[i], i);
                }
                for (String line : lines.subList(1, lines.size())) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\t", -1);
                    String label = f[col.get("label")];
                    String attack = col.containsKey("attack") ? f[col.get("attack")] : (label.equals("live") ? "none" : "unknown");
                    String subject = col.containsKey("subject") ? f[col.get("subject")] : "";
                    Path file = src.resolve(f[col.get("file")]);
                    out.add(describe(engine, intake, shared, file, "pad", src.getFileName().toString(),
                            !label.equals("live"), attack, subject));
                }
                System.err.println("pad/" + src.getFileName() + ": " + (lines.size() - 1) + " images");
            }
            for (String folder : List.of("deepface", "multi/dlib", "multi/face_recognition", "singles/face_recognition")) {
                Path dir = shared.resolve("data/faces").resolve(folder);
                List<Path> files;
                try (Stream<Path> s = Files.list(dir)) {
                    files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|webp)"))
                            .sorted(Comparator.comparing(Path::toString)).toList();
                }
                for (Path file : files) {
                    out.add(describe(engine, intake, shared, file, "faces", "faces/" + folder, false, "none", ""));
                }
                System.err.println("faces/" + folder + ": " + files.size() + " images");
            }
        }
        return out;
    }

    private static Sample describe(FaceEngine engine, ImageIntake intake, Path shared, Path file, String set,
            String source, boolean attack, String attackType, String subject) {
        String rel = shared.relativize(file).toString();
        RgbImage image;
        try {
            image = intake.decode(file).image();
        } catch (ImageRejectedException e) {
            System.err.println("unreadable, counted as no face: " + rel + ": " + e.getMessage());
            return new Sample(set, source, rel, attack, attackType, subject, List.of(), new double[PadFeatures.IMAGE_LENGTH]);
        }
        ImageAnalysis analysis = engine.analyze(image);
        List<Face> faces = new ArrayList<>();
        analysis.faces().stream()
                .sorted(Comparator.comparingDouble(FaceObservation::detectionScore).reversed())
                .forEach(o -> faces.add(new Face(
                        new double[] {o.box().x(), o.box().y(), o.box().width(), o.box().height()},
                        o.detectionScore(), o.liveness().antispoofReal(), o.liveness().livenessLive(),
                        PadFeatures.face(image, o.box(), o.liveness()))));
        return new Sample(set, source, rel, attack, attackType, subject, faces, PadFeatures.image(image));
    }

    /** Where the feature cache is kept unless told otherwise. */
    public static final String DEFAULT_CACHE = "sadasya-lab/target/pad-features.json";

    /** The shared folder, checked: it must hold data/pad. */
    public static Path sharedFolder(Path shared) {
        Path p = shared.toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("data/pad"))) {
            throw new IllegalArgumentException("no data/pad under " + p + " (use --shared DIR)");
        }
        return p;
    }
}
