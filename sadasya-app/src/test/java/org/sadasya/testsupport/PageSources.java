package org.sadasya.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A page's own files read as source, for the page tests: its scripts and the catalogue keys they name. */
public final class PageSources {

    private PageSources() {}

    public static List<Path> scripts(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".js")).sorted().toList();
        }
    }

    /** The keys of a catalogue answer's {@code messages}. */
    public static Set<String> keys(JsonNode catalogue) {
        Set<String> out = new HashSet<>();
        catalogue.get("messages").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /**
     * Every key the page's {@code data-i18n} attributes name, and every quoted literal in its scripts
     * that starts with one of {@code prefixes} (the catalogue's first key segments).
     */
    public static Set<String> keysNamed(Path html, List<Path> scripts, String prefixes) throws IOException {
        Set<String> used = new HashSet<>();
        Matcher attribute = Pattern.compile("data-i18n=\"([^\"]+)\"").matcher(Files.readString(html));
        while (attribute.find()) {
            used.add(attribute.group(1));
        }
        Pattern literal = Pattern.compile("['`]((?:" + prefixes + ")(?:\\.[A-Za-z]+)+)['`]");
        for (Path js : scripts) {
            Matcher m = literal.matcher(Files.readString(js));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        return used;
    }
}
