package org.sadasya.card;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.awt.image.BufferedImage;
import org.sadasya.security.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A member's card as PNG or PDF (REVIEWER/ADMIN in scope; a card carries a face, so never cached),
 * and an admin's revocation.
 */
@RestController
@RequestMapping("/api/v1/members/{memberId}")
@Tag(name = "membership cards")
public class CardController {

    private final MemberCards cards;
    private final String publicBaseUrl;

    /** @param publicBaseUrl {@code sadasya.public-base-url}: where phones reach /verify; empty = this request's own base */
    public CardController(MemberCards cards, @Value("${sadasya.public-base-url:}") String publicBaseUrl) {
        this.cards = cards;
        this.publicBaseUrl = publicBaseUrl.strip().replaceAll("/+$", "");
    }

    @GetMapping("/card.png")
    @Operation(summary = "The member's card as PNG (REVIEWER/ADMIN in scope), Cache-Control: no-store")
    public ResponseEntity<byte[]> png(@AuthenticationPrincipal Actor actor, @PathVariable String memberId) {
        BufferedImage card = cards.card(actor, memberId, baseUrl(), "png");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG).body(png(card));
    }

    @GetMapping("/card.pdf")
    @Operation(summary = "The member's card as a one-page PDF at ID-1 size (REVIEWER/ADMIN in scope), no-store")
    public ResponseEntity<byte[]> pdf(@AuthenticationPrincipal Actor actor, @PathVariable String memberId) {
        BufferedImage card = cards.card(actor, memberId, baseUrl(), "pdf");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", org.springframework.http.ContentDisposition.inline()
                        .filename("card-" + memberId.replaceAll("[^A-Za-z0-9-]", "") + ".pdf").build().toString())
                .body(CardPdf.of(card, CardRenderer.DPI));
    }

    public record Revocation(String reason) {}

    @PostMapping("/revoke")
    @Operation(summary = "Revoke a member (ADMIN): the card's token is refused by /verify from now on; reason required")
    public ResponseEntity<Void> revoke(@AuthenticationPrincipal Actor actor, @PathVariable String memberId,
            @RequestBody Revocation req) {
        cards.revoke(actor, memberId, req == null ? null : req.reason());
        return ResponseEntity.noContent().build();
    }

    private String baseUrl() {
        return publicBaseUrl.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : publicBaseUrl;
    }

    static byte[] png(BufferedImage img) {
        return org.sadasya.common.InMemoryImages.encode(img, "png");
    }
}
