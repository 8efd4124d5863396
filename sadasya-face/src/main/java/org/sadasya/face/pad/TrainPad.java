package org.sadasya.face.pad;

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
 * <pre>
 * cd sadasya-face &amp;&amp; mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:$(cat target/cp.txt) org.sadasya.face.pad.TrainPad --shared ../../shared
 * </pre>
 *
 * Writes {@code src/main/resources/org/sadasya/face/pad/pad-model.json} and
 * {@code src/test/resources/org/sadasya/face/pad/pad-model-folds.json} (change with {@code --out}
 * and {@code --folds}).
 */
public final class TrainPad {

    static final String COMMAND = "java -cp target/classes:$(cat target/cp.txt) org.sadasya.face.pad.TrainPad --shared ../../shared";

    private TrainPad() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> o = PadDataset.options(args);
        Path shared = PadDataset.sharedFolder(o);
        List<PadDataset.Sample> all = PadDataset.load(shared, Path.of(o.getOrDefault("cache", PadDataset.DEFAULT_CACHE)));
        Path out = Path.of(o.getOrDefault("out", "src/main/resources/org/sadasya/face/pad/pad-model.json"));
        Path folds = Path.of(o.getOrDefault("folds", "src/test/resources/org/sadasya/face/pad/pad-model-folds.json"));

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
