package org.sadasya.lab.face;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Identity-labelled image pairs of shared/data/faces/deepface. {@code master.csv} lists 300 pairs
 * (38 same, 262 different); {@code face-recognition-pivot.csv} labels more. Identities are the
 * connected components of the "Yes" pairs; a different-person pair is implied for every two
 * images whose identities have at least one "No" pair between them.
 */
public final class LabelledPairs {
    /** A labelled pair of image file names. */
    public record Pair(String a, String b, boolean samePerson) {}

    private LabelledPairs() {}

    /** The pairs exactly as listed in {@code master.csv}. */
    public static List<Pair> master(Path deepfaceDir) throws IOException {
        return read(deepfaceDir.resolve("master.csv"));
    }

    /**
     * The identities the labels of both files imply: each image's identity label (the connected
     * component of its "Yes" pairs), and which labels are known to be different people (a "No"
     * pair joins them).
     */
    public record Identities(Map<String, String> identityOf, Set<String> knownDifferent) {
        public boolean different(String identityA, String identityB) {
            return knownDifferent.contains(key(identityA, identityB));
        }
    }

    public static Identities identities(Path deepfaceDir) throws IOException {
        List<Pair> listed = new ArrayList<>(read(deepfaceDir.resolve("master.csv")));
        listed.addAll(read(deepfaceDir.resolve("face-recognition-pivot.csv")));
        Map<String, String> parent = new HashMap<>();
        for (Pair p : listed) {
            union(parent, p.a(), p.a());
            union(parent, p.b(), p.b());
            if (p.samePerson()) {
                union(parent, p.a(), p.b());
            }
        }
        Set<String> different = new HashSet<>();
        for (Pair p : listed) {
            String ra = find(parent, p.a());
            String rb = find(parent, p.b());
            if (!p.samePerson()) {
                if (ra.equals(rb)) {
                    throw new IllegalStateException("labels contradict each other for " + p.a() + " / " + p.b());
                }
                different.add(key(ra, rb));
            }
        }
        Map<String, String> identityOf = new java.util.TreeMap<>();
        for (String image : parent.keySet()) {
            identityOf.put(image, find(parent, image));
        }
        return new Identities(identityOf, different);
    }

    /** Every same-identity pair and every different-identity pair the labels of both files imply. */
    public static List<Pair> implied(Path deepfaceDir) throws IOException {
        Identities ids = identities(deepfaceDir);
        List<String> images = new ArrayList<>(ids.identityOf().keySet());
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            for (int j = i + 1; j < images.size(); j++) {
                String ra = ids.identityOf().get(images.get(i));
                String rb = ids.identityOf().get(images.get(j));
                if (ra.equals(rb)) {
                    out.add(new Pair(images.get(i), images.get(j), true));
                } else if (ids.different(ra, rb)) {
                    out.add(new Pair(images.get(i), images.get(j), false));
                }
            }
        }
        return out;
    }

    private static List<Pair> read(Path csv) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).trim().split(",");
        int decision = -1;
        for (int i = 0; i < header.length; i++) {
            if (header[i].equalsIgnoreCase("decision")) {
                decision = i;
            }
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split(",");
            if (f.length > decision && !f[0].isBlank()) {
                pairs.add(new Pair(fileName(f[0]), fileName(f[1]), f[decision].trim().equalsIgnoreCase("Yes")));
            }
        }
        return pairs;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1).trim();
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    private static String find(Map<String, String> parent, String x) {
        String p = parent.get(x);
        while (!p.equals(x)) {
            x = p;
            p = parent.get(x);
        }
        return x;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }
}
