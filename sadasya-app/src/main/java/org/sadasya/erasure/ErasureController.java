package org.sadasya.erasure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.sadasya.erasure.EraseMemberBiometrics.Erasure;
import org.sadasya.security.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/members/{memberId}/erase-biometrics}: the member's request to erase their biometric data. */
@RestController
@Tag(name = "membership cards")
public class ErasureController {

    private final EraseMemberBiometrics erasure;

    public ErasureController(EraseMemberBiometrics erasure) {
        this.erasure = erasure;
    }

    public record Request(String reason) {}

    @PostMapping("/api/v1/members/{memberId}/erase-biometrics")
    @Operation(summary = "Erase the member's photos, burst frames, embeddings and index entries (ADMIN in scope; reason required);"
            + " the card is revoked, the membership stays; idempotent")
    public Erasure erase(@AuthenticationPrincipal Actor actor, @PathVariable String memberId, @RequestBody(required = false) Request req) {
        return erasure.erase(actor, memberId, req == null ? null : req.reason());
    }
}
