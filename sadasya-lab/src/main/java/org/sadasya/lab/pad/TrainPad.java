package org.sadasya.lab.pad;

import org.sadasya.face.pad.PadModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Trains the bundled presentation-attack model, and one model per held-out source for the tests
 * (a test judges a source only with the model that never saw it). Deterministic: liblinear's random
 * generator is reset before every fit and the data are read in a fixed order.
 *
 * <p>{@code ./lab train pad} writes {@link #MODEL_FILE} and {@link #FOLDS_FILE} (change
 * with {@code --out} and {@code --folds}).
 */
public final class TrainPad {

    static final String COMMAND = "./lab train pad";

    /** Where the bundled model and the fold models live, from the repository root. */
    public static final String MODEL_FILE = "sadasya-face/src/main/resources/org/sadasya/face/pad/pad-model.json";
    public static final String FOLDS_FILE = "sadasya-face/src/test/resources/org/sadasya/face/pad/pad-model-folds.json";

    private TrainPad() {}

    /** Trains on every sample of {@code shared} and writes the model to {@code out}, the fold models to {@code folds}. */
    public static void run(Path shared, Path cache, Path out, Path folds) throws IOException {
        List<PadDataset.Sample> all = PadDataset.load(PadDataset.sharedFolder(shared), cache);

        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("command", COMMAND);
        provenance.put("data", "shared/data/pad (all sources) + shared/data/faces (genuine only), primary face per image");
        provenance.put("featureVersion", PadDataset.FEATURE_VERSION);
        provenance.put("classifier", "liblinear 2.44 L2R_LR on standardised features, Platt-calibrated on inner leave-one-source-out decisions");
        provenance.put("ladderRule", "spoofFrom: at most " + PadTraining.GENUINE_REJECT_SHARE
                + " of genuine out-of-fold scores at or above it (and >= 0.5); liveBelow: at most "
                + PadTraining.ATTACK_PASS_SHARE + " of attack out-of-fold scores below it");
        PadModel full = PadTraining.trainModel("all", all, provenance);
        full.write(out);
        System.err.println("wrote " + out + " (face ladder " + full.faceLadder() + ")");

        List<String> sources = new ArrayList<>(new TreeSet<>(all.stream().map(PadDataset.Sample::source).toList()));
        Map<String, PadModel> perFold = new LinkedHashMap<>();
        for (String held : sources) {
            List<PadDataset.Sample> train = all.stream().filter(s -> !s.source().equals(held)).toList();
            perFold.put(held, PadTraining.trainModel("without-" + held, train, Map.of("heldOut", held)));
        }
        Files.createDirectories(folds.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(folds.toFile(), perFold);
        System.err.println("wrote " + folds + " (" + perFold.size() + " fold models)");
    }
}
