package org.sadasya.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.sadasya.audit.AuditLog;
import org.sadasya.web.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "auth")
public class AuthController {

    private final TokenService tokens;
    private final AuditLog audit;
    private final LoginThrottle throttle;

    public AuthController(TokenService tokens, AuditLog audit, LoginThrottle throttle) {
        this.tokens = tokens;
        this.audit = audit;
        this.throttle = throttle;
    }

    public record Login(String username, String password) {}

    public record Token(String accessToken, String tokenType, long expiresIn, String role, long userId) {}

    @PostMapping("/token")
    @Operation(summary = "Log in: a bearer token for a username and password")
    public Token token(@RequestBody Login login, HttpServletRequest request) {
        // behind a reverse proxy, set server.forward-headers-strategy so that this is the phone's address
        throttle.attempt(login.username(), request.getRemoteAddr()).ifPresent(wait -> {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS", null,
                    Map.of("retryAfterSeconds", wait), wait);
        });
        TokenService.IssuedToken issued;
        try {
            issued = tokens.login(login.username(), login.password())
                    .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS"));
        } catch (TokenService.AccountInactive e) {
            throw new ApiException(HttpStatus.FORBIDDEN, "ACCOUNT_INACTIVE");
        }
        audit.record(issued.user().username() + "#" + issued.user().id(), "LOGIN", "user", issued.user().id(), Map.of());
        return new Token(issued.accessToken(), "Bearer", issued.expiresInSeconds(), issued.user().role().name(),
                issued.user().id());
    }

    @PostMapping("/logout")
    @Operation(summary = "Log out: the bearer token sent with this request stops working at once")
    public ResponseEntity<Void> logout(@AuthenticationPrincipal Actor actor,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        // the filter authenticated this header, so it is "Bearer <token>"
        tokens.revoke(authorization.substring("Bearer ".length()).trim());
        audit.record(actor.auditName(), "LOGOUT", "user", actor.userId(), Map.of());
        return ResponseEntity.noContent().build();
    }
}
