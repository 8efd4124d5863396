package org.sadasya.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.sadasya.capture.AppCatalogue.Language;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The console's texts per language from the same message files as the API: every
 * {@code console.*} key, plus the sentences the worker's app already says for a rule's outcome
 * ({@code app.reason.*} as {@code reason.*}) and the liveness reasons ({@code liveness.reason.*}
 * as {@code liveness.*}), so a reviewer reads a rule in the same words as the worker, and the
 * API's refusals ({@code problem.*}, {@code field.*}) for the answers the console shows.
 */
public final class ConsoleCatalogue {

    /** Catalogue key prefix → message file prefix. */
    private static final Map<String, String> SOURCES = Map.of(
            "", "console.", "reason.", "app.reason.", "liveness.", "liveness.reason.", "problem.", "problem.",
            "field.", "field.");

    public record Catalogue(String lang, Map<String, String> messages) {}

    private final Map<Language, Catalogue> catalogues = new EnumMap<>(Language.class);

    public ConsoleCatalogue() {
        for (Language l : Language.values()) {
            String file = l == Language.HI ? "messages_hi.properties" : "messages.properties";
            catalogues.put(l, new Catalogue(l.name().toLowerCase(Locale.ROOT), keys(file)));
        }
    }

    public Catalogue of(Language language) {
        return catalogues.get(language);
    }

    private static Map<String, String> keys(String file) {
        Properties p;
        try {
            p = PropertiesLoaderUtils.loadProperties(new EncodedResource(new ClassPathResource(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is unreadable", e);
        }
        Map<String, String> out = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            SOURCES.forEach((as, prefix) -> {
                if (key.startsWith(prefix)) {
                    out.put(as + key.substring(prefix.length()), p.getProperty(key));
                }
            });
        }
        return Map.copyOf(out);
    }
}
