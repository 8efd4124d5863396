package org.sadasya.face.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference outputs of the original JavaScript pipeline (shared/golden/human-models-3.0.4). */
public final class Golden {
    private Golden() {}

    public static Path dir() {
        return SharedData.file("golden/human-models-3.0.4");
    }

    public static JsonNode index() {
        return json("index.json");
    }

    public static JsonNode json(String relative) {
        try {
            return new ObjectMapper().readTree(dir().resolve(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A little-endian float32 file of the golden set. */
    public static float[] floats(String relative) {
        try {
            byte[] bytes = Files.readAllBytes(dir().resolve(relative));
            float[] v = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
