package org.sadasya.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.sadasya.common.Hashes;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The app shell: every static file under {@code static/app/} plus the text catalogues, and the
 * service worker that caches them. The worker's version is a hash over all of it, so any change to
 * the shell makes phones install the new shell (and drop the old cache) on their next visit.
 */
public final class AppShell {

    /** Only large icons the install prompt asks for are left to the network. */
    private static final List<String> NOT_PRECACHED = List.of("icons/icon-512.png", "icons/maskable-512.png");

    private final List<String> files;
    private final String version;
    private final String serviceWorker;

    public AppShell(AppCatalogue catalogue, ObjectMapper json) {
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            Resource[] found = resolver.getResources("classpath:/static/app/**/*.*");
            List<String> paths = new ArrayList<>();
            MessageDigest digest = Hashes.sha256();
            List<Resource> sorted = new ArrayList<>(List.of(found));
            sorted.sort(java.util.Comparator.comparing(r -> relative(r)));
            for (Resource r : sorted) {
                String path = relative(r);
                if (path == null || NOT_PRECACHED.contains(path)) {
                    continue;
                }
                paths.add(path);
                try (InputStream in = r.getInputStream()) {
                    digest.update(path.getBytes(StandardCharsets.UTF_8));
                    digest.update(in.readAllBytes());
                }
            }
            for (AppCatalogue.Language l : AppCatalogue.Language.values()) {
                AppCatalogue.Catalogue c = catalogue.of(l);
                paths.add("i18n/" + c.lang() + ".json");
                digest.update(json.writeValueAsBytes(c));
            }
            paths.add(0, "./");
            this.files = List.copyOf(paths);
            this.version = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
            String template;
            try (InputStream in = AppShell.class.getResourceAsStream("sw.js")) {
                template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            this.serviceWorker = template.replace("/*VERSION*/'dev'", "'" + version + "'")
                    .replace("/*SHELL_FILES*/[]", json.writeValueAsString(files));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the app shell", e);
        }
    }

    /** The path below {@code /app/}, or null for a resource that is not a file of the shell. */
    private static String relative(Resource r) {
        try {
            String url = r.getURL().toString();
            int at = url.lastIndexOf("/static/app/");
            return at < 0 || url.endsWith("/") ? null : url.substring(at + "/static/app/".length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files the service worker keeps, relative to {@code /app/} ({@code ./} is the page itself). */
    public List<String> files() {
        return files;
    }

    public String version() {
        return version;
    }

    public String serviceWorker() {
        return serviceWorker;
    }
}
