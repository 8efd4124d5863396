package org.sadasya.lab.identities;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sample of one embedder's real embeddings for fitting the index benchmark's generated faces
 * ({@code SyntheticFaces} in sadasya-index, read by {@code FaceresData.read}): two photos each of
 * people that are not held back, in name order, with their same-person pairs and one different-person
 * pair per neighbouring two people. Written under target/
 * (research images' embeddings stay out of the repository).
 */
final class EmbeddingSample {

    private EmbeddingSample() {}

    static void write(Path file, String embedder, List<IdentityPhoto> photos, EmbeddingCache cache, int people)
            throws IOException {
        Map<String, List<IdentityPhoto>> byPerson = new TreeMap<>();
        for (IdentityPhoto p : photos) {
            float[] e = cache.get(p.key());
            if (!HeldBackSplit.isHeldBack(p.identity()) && e != null && e.length > 0) {
                byPerson.computeIfAbsent(p.identity(), k -> new ArrayList<>()).add(p);
            }
        }
        ObjectNode root = new ObjectMapper().createObjectNode().put("embedder", embedder);
        ObjectNode embeddings = root.putObject("embeddings");
        ArrayNode pairs = root.putArray("pairs");
        int taken = 0;
        String previous = null;
        for (List<IdentityPhoto> own : byPerson.values()) {
            if (own.size() < 2 || taken == people) {
                continue;
            }
            own.sort(Comparator.comparing(IdentityPhoto::key));
            for (IdentityPhoto p : own.subList(0, 2)) {
                ArrayNode v = embeddings.putArray(p.key());
                for (float x : cache.get(p.key())) {
                    v.add(x);
                }
            }
            pairs.addArray().add(own.get(0).key()).add(own.get(1).key()).add(true);
            if (previous != null) { // and one different-person pair with the person before
                pairs.addArray().add(previous).add(own.get(0).key()).add(false);
            }
            previous = own.get(0).key();
            taken++;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().writeValue(file.toFile(), root);
    }
}
