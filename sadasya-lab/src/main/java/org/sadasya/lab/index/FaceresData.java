package org.sadasya.lab.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The real faceres embeddings and identity labels in the shared data: the primary face (highest
 * detector score among the faces the facemesh gate kept) of each of the 63 images in
 * {@code golden/human-models-3.0.4/all-images-faceres.json} (research/tfjs-reference.md §6), and
 * the labelled pairs of {@code data/faces/deepface/master.csv}.
 */
public final class FaceresData {

    public static final String EMBEDDINGS = "golden/human-models-3.0.4/all-images-faceres.json";
    public static final String PAIRS = "data/faces/deepface/master.csv";

    /** A labelled pair: {@code same} is the csv's Decision Yes. */
    public record LabelledPair(String imageA, String imageB, boolean same) {}

    private final Map<String, float[]> primary;
    private final List<LabelledPair> pairs;

    private FaceresData(Map<String, float[]> primary, List<LabelledPair> pairs) {
        this.primary = primary;
        this.pairs = pairs;
    }

    public static FaceresData load(Path shared) {
        try {
            JsonNode images = new ObjectMapper().readTree(shared.resolve(EMBEDDINGS).toFile()).get("images");
            Map<String, float[]> primary = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = images.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> image = it.next();
                JsonNode best = null;
                for (JsonNode face : image.getValue().get("faces")) {
                    if (face.path("kept").asBoolean(false) && face.has("faceres")
                            && (best == null || face.get("detectorScore").asDouble() > best.get("detectorScore").asDouble())) {
                        best = face;
                    }
                }
                if (best != null) {
                    JsonNode v = best.get("faceres");
                    float[] vector = new float[v.size()];
                    for (int i = 0; i < vector.length; i++) {
                        vector[i] = (float) v.get(i).asDouble();
                    }
                    primary.put(image.getKey(), vector);
                }
            }
            List<LabelledPair> pairs = new ArrayList<>();
            List<String> lines = Files.readAllLines(shared.resolve(PAIRS), StandardCharsets.UTF_8);
            String[] header = lines.get(0).strip().split(",");
            int a = indexOf(header, "file_x");
            int b = indexOf(header, "file_y");
            int d = indexOf(header, "Decision");
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.strip().split(",");
                pairs.add(new LabelledPair(f[a].strip(), f[b].strip(), f[d].strip().equalsIgnoreCase("Yes")));
            }
            return new FaceresData(primary, pairs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the faceres data under " + shared, e);
        }
    }

    /**
     * Another model's sample instead of faceres's: {@code {"embeddings": {name: [floats]}, "pairs":
     * [[nameA, nameB, same], …]}} (e.g. {@code ./lab evaluate identities --sample-out}).
     */
    public static FaceresData read(Path sample) {
        try {
            JsonNode root = new ObjectMapper().readTree(sample.toFile());
            Map<String, float[]> primary = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("embeddings").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                float[] v = new float[e.getValue().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) e.getValue().get(i).asDouble();
                }
                primary.put(e.getKey(), v);
            }
            List<LabelledPair> pairs = new ArrayList<>();
            for (JsonNode p : root.get("pairs")) {
                pairs.add(new LabelledPair(p.get(0).asText(), p.get(1).asText(), p.get(2).asBoolean()));
            }
            return new FaceresData(primary, pairs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding sample " + sample, e);
        }
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].strip().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("master.csv has no column " + name);
    }

    /** Image name → primary faceres embedding (raw, not normalised), in name order. */
    public Map<String, float[]> primaryEmbeddings() {
        return primary;
    }

    public List<LabelledPair> pairs() {
        return pairs;
    }

    /** Identity label per labelled image: union-find over the Yes pairs (images in no pair are absent). */
    public Map<String, String> identities() {
        Map<String, String> parent = new HashMap<>();
        for (LabelledPair p : pairs) {
            parent.putIfAbsent(p.imageA(), p.imageA());
            parent.putIfAbsent(p.imageB(), p.imageB());
        }
        for (LabelledPair p : pairs) {
            if (p.same()) {
                parent.put(find(parent, p.imageA()), find(parent, p.imageB()));
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (String image : parent.keySet()) {
            out.put(image, find(parent, image));
        }
        return out;
    }

    private static String find(Map<String, String> parent, String x) {
        while (!parent.get(x).equals(x)) {
            x = parent.get(x);
        }
        return x;
    }

    /** Locates the shared folder: {@code -Dsadasya.shared}, else {@code shared} beside a parent of the working directory. */
    public static Path locateShared(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String property = System.getProperty("sadasya.shared");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isRegularFile(candidate.resolve(EMBEDDINGS))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("shared data not found: pass --shared DIR or -Dsadasya.shared=DIR");
    }
}
