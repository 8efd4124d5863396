package org.sadasya.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.sadasya.audit.AuditLog;
import org.sadasya.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "auth")
public class AuthController {

    private final TokenService tokens;
    private final AuditLog audit;

    public AuthController(TokenService tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    public record Login(String username, String password) {}

    public record Token(String accessToken, String tokenType, long expiresIn, String role, long userId) {}

    @PostMapping("/token")
    @Operation(summary = "Log in: a bearer token for a username and password")
    public Token token(@RequestBody Login login) {
        var issued = tokens.login(login.username(), login.password())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS"));
        audit.record(issued.user().username() + "#" + issued.user().id(), "LOGIN", "user", issued.user().id(), Map.of());
        return new Token(issued.accessToken(), "Bearer", issued.expiresInSeconds(), issued.user().role().name(),
                issued.user().id());
    }
}
