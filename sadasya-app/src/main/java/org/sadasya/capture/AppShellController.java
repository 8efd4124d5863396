package org.sadasya.capture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.sadasya.web.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * The parts of the capture app that the server writes: the text catalogues (public: the login page
 * needs them) and the service worker with the shell's file list and version.
 */
@RestController
@Tag(name = "capture app")
public class AppShellController {

    private final AppCatalogue catalogue = new AppCatalogue();
    private final AppShell shell;

    public AppShellController(ObjectMapper json) {
        this.shell = new AppShell(catalogue, json);
    }

    @GetMapping("/app/i18n/{lang}.json")
    @Operation(summary = "The capture app's texts in one language (hi, en) and the intake's format rules")
    public ResponseEntity<AppCatalogue.Catalogue> catalogue(@PathVariable String lang, WebRequest request) {
        AppCatalogue.Language language = AppCatalogue.Language.parse(lang);
        if (language == null) {
            throw ApiException.notFound("language");
        }
        // the shell's version covers the catalogues: revalidated like the shell's files, a 304 while unchanged
        String etag = "\"" + shell.version() + "-" + language.name().toLowerCase(java.util.Locale.ROOT) + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).eTag(etag).body(catalogue.of(language));
    }

    @GetMapping(value = "/app/sw.js", produces = "text/javascript")
    @Operation(summary = "The capture app's service worker")
    public ResponseEntity<String> serviceWorker() {
        // always revalidated: a phone must see a new shell version on its next visit
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .contentType(MediaType.parseMediaType("text/javascript;charset=UTF-8")).body(shell.serviceWorker());
    }
}
