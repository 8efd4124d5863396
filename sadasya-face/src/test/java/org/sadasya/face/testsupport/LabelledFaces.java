package org.sadasya.face.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sadasya.face.FaceBox;

/** dlib's hand-labelled face boxes for the multi-person photos in shared/data/faces/multi/dlib. */
public final class LabelledFaces {
    private static final Pattern IMAGE = Pattern.compile("<image file='([^']+)'");
    private static final Pattern BOX = Pattern.compile(
            "<box top='(-?\\d+)' left='(-?\\d+)' width='(\\d+)' height='(\\d+)'");

    private LabelledFaces() {}

    /** Photo path → its labelled boxes, from training.xml and testing.xml. */
    public static Map<Path, List<FaceBox>> dlib() {
        Path dir = SharedData.file("data/faces/multi/dlib");
        Map<Path, List<FaceBox>> out = new LinkedHashMap<>();
        for (String xml : List.of("training.xml", "testing.xml")) {
            String text;
            try {
                text = Files.readString(dir.resolve(xml), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<FaceBox> current = null;
            for (String line : text.split("\n")) {
                Matcher image = IMAGE.matcher(line);
                if (image.find()) {
                    current = new ArrayList<>();
                    out.put(dir.resolve(image.group(1)), current);
                }
                Matcher box = BOX.matcher(line);
                if (box.find() && current != null) {
                    current.add(new FaceBox(Double.parseDouble(box.group(2)), Double.parseDouble(box.group(1)),
                            Double.parseDouble(box.group(3)), Double.parseDouble(box.group(4))));
                }
            }
        }
        return out;
    }
}
