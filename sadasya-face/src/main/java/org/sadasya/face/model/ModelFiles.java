package org.sadasya.face.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reads the bundled model files from the classpath and checks each against SHA256SUMS, so a
 * corrupted or swapped model fails loudly at start instead of producing quietly wrong faces.
 */
public final class ModelFiles {
    private static final String BASE = "/org/sadasya/face/models/";

    private ModelFiles() {}

    /** The model's graph JSON and weights, verified. */
    public static byte[][] read(FaceModel model) {
        Map<String, String> sums = checksums();
        byte[] json = readVerified(model.fileName() + ".json", sums);
        byte[] bin = readVerified(model.fileName() + ".bin", sums);
        return new byte[][] {json, bin};
    }

    /** One bundled model file by name (e.g. {@code MobileFaceNet.tflite}), verified. */
    public static byte[] read(String fileName) {
        return readVerified(fileName, checksums());
    }

    private static byte[] readVerified(String name, Map<String, String> sums) {
        byte[] data = resource(name);
        String expected = sums.get(name);
        if (expected == null) {
            throw new IllegalStateException("no checksum recorded for model file " + name);
        }
        String actual = sha256(data);
        if (!actual.equals(expected)) {
            throw new IllegalStateException("model file " + name + " has SHA-256 " + actual + ", expected " + expected);
        }
        return data;
    }

    private static Map<String, String> checksums() {
        Map<String, String> sums = new HashMap<>();
        for (String line : new String(resource("SHA256SUMS"), StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                sums.put(parts[1], parts[0]);
            }
        }
        return sums;
    }

    private static byte[] resource(String name) {
        try (InputStream in = ModelFiles.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("model file missing from the classpath: " + BASE + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + name, e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
