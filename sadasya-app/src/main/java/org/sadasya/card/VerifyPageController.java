package org.sadasya.card;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import org.sadasya.card.CardMembers.CardMember;
import org.sadasya.card.MemberCards.Status;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The public page a card's QR code opens: valid (200), not a genuine card (400: the token is
 * malformed, changed, or signed by a key this service does not hold) or revoked (410 Gone: the
 * card was genuine and has been withdrawn). Hindi first, then English; it shows the member's name,
 * id and booth and nothing else, and only for a genuine token. Plain server-rendered HTML, no
 * script, under the same Content-Security-Policy; never cached, so a revocation shows at once.
 */
@RestController
@Tag(name = "membership cards")
public class VerifyPageController {

    private final MemberCards cards;
    private final MessageSource messages;

    public VerifyPageController(MemberCards cards, MessageSource messages) {
        this.cards = cards;
        this.messages = messages;
    }

    @GetMapping(value = "/verify/{token}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Public: whether a card's token is valid, with the member's name, id and booth only")
    public ResponseEntity<String> verify(@PathVariable String token) {
        MemberCards.Verification v = cards.verify(token);
        HttpStatus status = switch (v.status()) {
            case VALID -> HttpStatus.OK;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case REVOKED -> HttpStatus.GONE;
        };
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(page(v));
    }

    private String page(MemberCards.Verification v) {
        String key = "verify." + v.status().name();
        StringBuilder html = new StringBuilder(2048);
        html.append("<!doctype html>\n<html lang=\"hi\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex\">")
                .append("<title>").append(hi("verify.title")).append(" · ").append(en("verify.title")).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"../card/verify.css\"></head>\n<body>")
                .append("<main id=\"verify-result\" class=\"verdict ").append(v.status().name().toLowerCase(Locale.ROOT))
                .append("\" data-status=\"").append(v.status().name()).append("\">")
                .append("<h1>").append(hi(key + ".heading")).append(" <span lang=\"en\">").append(en(key + ".heading"))
                .append("</span></h1>")
                .append("<p>").append(hi(key + ".text")).append("</p>")
                .append("<p lang=\"en\">").append(en(key + ".text")).append("</p>");
        if (v.status() != Status.INVALID) {
            details(html, v.member());
        }
        html.append("</main></body></html>\n");
        return html.toString();
    }

    private void details(StringBuilder html, CardMember m) {
        html.append("<dl>");
        row(html, "verify.name", m.nameHi() == null || m.nameHi().isBlank() ? m.name() : m.nameHi() + " · " + m.name());
        row(html, "verify.memberId", m.memberCode());
        String boothHi = m.boothNameHi() == null || m.boothNameHi().isBlank() ? "" : " · " + m.boothNameHi();
        row(html, "verify.booth", m.boothCode() + boothHi + " · " + m.boothName());
        html.append("</dl>");
    }

    private void row(StringBuilder html, String key, String value) {
        html.append("<dt>").append(hi(key)).append(" / <span lang=\"en\">").append(en(key)).append("</span></dt><dd>")
                .append(HtmlUtils.htmlEscape(value)).append("</dd>");
    }

    private String hi(String key) {
        return HtmlUtils.htmlEscape(messages.getMessage(key, null, MemberCards.HINDI));
    }

    private String en(String key) {
        return HtmlUtils.htmlEscape(messages.getMessage(key, null, Locale.ENGLISH));
    }
}
