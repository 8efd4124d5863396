package org.sadasya.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.sadasya.enrollment.EnrollmentData;

/**
 * The app's texts per language: every {@code app.*} key of {@code messages.properties} (English)
 * and {@code messages_hi.properties} (Hindi), plus the intake's format rules, so that the phone
 * checks a field exactly as the server will before anything is queued.
 */
public final class AppCatalogue {

    public static final String PREFIX = "app.";

    /** The languages the app speaks, Hindi first (the default). */
    public enum Language {
        HI("messages_hi.properties"), EN("messages.properties");

        final String file;

        Language(String file) {
            this.file = file;
        }

        public static Language parse(String tag) {
            for (Language l : values()) {
                if (l.name().equalsIgnoreCase(tag)) {
                    return l;
                }
            }
            return null;
        }
    }

    public record Rules(String epic, String mobile, int minAge, int maxAge) {}

    public record Catalogue(String lang, Map<String, String> messages, Rules rules) {}

    private static final Rules RULES = new Rules(EnrollmentData.EPIC.pattern(), EnrollmentData.MOBILE.pattern(),
            EnrollmentData.MIN_AGE, EnrollmentData.MAX_AGE);

    private final Map<Language, Catalogue> catalogues = new java.util.EnumMap<>(Language.class);

    public AppCatalogue() {
        for (Language l : Language.values()) {
            catalogues.put(l, new Catalogue(l.name().toLowerCase(java.util.Locale.ROOT), appKeys(l.file), RULES));
        }
    }

    public Catalogue of(Language language) {
        return catalogues.get(language);
    }

    private static Map<String, String> appKeys(String file) {
        Properties p = new Properties();
        try (InputStream in = AppCatalogue.class.getResourceAsStream("/" + file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from the classpath");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                out.put(key.substring(PREFIX.length()), p.getProperty(key));
            }
        }
        return Map.copyOf(out);
    }
}
