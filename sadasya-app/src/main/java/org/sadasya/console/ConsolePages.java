package org.sadasya.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.sadasya.capture.AppCatalogue.Language;
import org.sadasya.config.SadasyaProperties;
import org.sadasya.web.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The console's text catalogues and its settings (public: the login page needs them). */
@RestController
@Tag(name = "district console")
public class ConsolePages {

    private final ConsoleCatalogue catalogue = new ConsoleCatalogue();
    private final SadasyaProperties.MapTiles tiles;

    public ConsolePages(SadasyaProperties props) {
        this.tiles = props.mapTiles();
    }

    /** What the page draws beyond its own files: the map tiles under the GPS plot, when configured. */
    public record Settings(SadasyaProperties.MapTiles mapTiles) {}

    @GetMapping("/console/settings.json")
    @Operation(summary = "The console's settings: the map tile URL template and its attribution, when configured")
    public Settings settings() {
        return new Settings(tiles.configured() ? tiles : null);
    }

    @GetMapping("/console/i18n/{lang}.json")
    @Operation(summary = "The district console's texts in one language (hi, en)")
    public ConsoleCatalogue.Catalogue catalogue(@PathVariable String lang) {
        Language language = Language.parse(lang);
        if (language == null) {
            throw ApiException.notFound("language");
        }
        return catalogue.of(language);
    }
}
