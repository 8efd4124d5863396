package org.sadasya.face.pad;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trained presentation-attack model: the per-face and whole-image scorers with their decision
 * ladders, the feature names they expect, and where they came from. Produced by {@link TrainPad};
 * the bundled one lives at {@value #RESOURCE}.
 *
 * @param name          what it was trained on, e.g. {@code all} or {@code without-nuaa}
 * @param faceFeatures  names of the per-face features, in order ({@link PadFeatures#faceNames()})
 * @param imageFeatures names of the whole-image features ({@link PadFeatures#imageNames()})
 * @param face          per-face scorer
 * @param faceLadder    per-face thresholds
 * @param image         whole-image scorer
 * @param imageLadder   whole-image thresholds
 * @param provenance    training data, command, regularisation, seed, and the measurements behind the
 *                      thresholds
 */
public record PadModel(
        @JsonProperty("name") String name,
        @JsonProperty("faceFeatures") List<String> faceFeatures,
        @JsonProperty("imageFeatures") List<String> imageFeatures,
        @JsonProperty("face") LinearScorer face,
        @JsonProperty("faceLadder") DecisionLadder faceLadder,
        @JsonProperty("image") LinearScorer image,
        @JsonProperty("imageLadder") DecisionLadder imageLadder,
        @JsonProperty("provenance") Map<String, Object> provenance) {

    public static final String RESOURCE = "/org/sadasya/face/pad/pad-model.json";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PadModel {
        faceFeatures = List.copyOf(faceFeatures);
        imageFeatures = List.copyOf(imageFeatures);
        if (!faceFeatures.equals(PadFeatures.faceNames()) || !imageFeatures.equals(PadFeatures.imageNames())) {
            throw new IllegalArgumentException("model " + name + " was trained on other features than this code computes");
        }
        if (face.weights().length != faceFeatures.size() || image.weights().length != imageFeatures.size()) {
            throw new IllegalArgumentException("model " + name + " has weights that do not match its feature names");
        }
    }

    /** The same model deciding with another per-face ladder (a service's liveness policy). */
    public PadModel withFaceLadder(DecisionLadder ladder) {
        return new PadModel(name, faceFeatures, imageFeatures, face, ladder, image, imageLadder, provenance);
    }

    /** The model bundled with the library, trained on all of shared/data/pad. */
    public static PadModel bundled() {
        try (InputStream in = PadModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled presentation-attack model missing: " + RESOURCE);
            }
            return JSON.readValue(in, PadModel.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PadModel read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), PadModel.class);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), this);
    }
}
