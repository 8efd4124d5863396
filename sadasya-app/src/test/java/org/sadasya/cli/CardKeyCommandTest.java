package org.sadasya.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.sadasya.card.CardSigningKey;
import org.sadasya.card.CardTokens;

class CardKeyCommandTest {

    @Test
    void printsAPrivateEd25519Jwk_thatTheServiceSignsWith() throws Exception {
        CliRun run = CliRun.of("card-key");
        assertThat(run.exitCode()).isZero();
        String jwk = run.stdout().strip();
        assertThat(jwk).contains("\"kty\":\"OKP\"", "\"crv\":\"Ed25519\"", "\"d\":", "\"kid\":");
        CardTokens tokens = new CardTokens(CardSigningKey.resolve(jwk, false, null), Clock.systemUTC());
        assertThat(tokens.read(tokens.issue("MP-0000001"))).contains("MP-0000001");
        assertThat(CliRun.of("card-key").stdout().strip()).as("a new key each time").isNotEqualTo(jwk);
    }
}
