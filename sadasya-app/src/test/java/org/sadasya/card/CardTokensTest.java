package org.sadasya.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Card tokens: compact JWS, EdDSA with the JDK's Ed25519, a kid; anything but a genuine token is refused. */
class CardTokensTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    static CardTokens fresh() {
        return new CardTokens(CardSigningKey.fromJwk(CardSigningKey.generate().toJSONString(), "test"), CLOCK);
    }

    @Test
    void aToken_isACompactJwsWithEdDsaAndTheKid_carryingOnlyTheMemberIdAndIssueTime() throws Exception {
        CardTokens tokens = fresh();
        String token = tokens.issue("MP-0000042");

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        String header = new String(Base64URL.from(parts[0]).decode(), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"EdDSA\"", "\"kid\":\"" + tokens.kid() + "\"");
        assertThat(new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8))
                .isEqualTo("{\"sub\":\"MP-0000042\",\"iat\":" + CLOCK.instant().getEpochSecond() + "}");
        assertThat(Base64URL.from(parts[2]).decode()).hasSize(64);
        assertThat(tokens.read(token)).contains("MP-0000042");
    }

    /** After a rotation, a card printed with the old key still verifies while its public key is listed; a stranger's key does not. */
    @Test
    void afterARotation_oldCardsVerifyWithThePreviousPublicKey_andUnknownKeysAreRefused() throws Exception {
        com.nimbusds.jose.jwk.OctetKeyPair old = CardSigningKey.generate();
        CardTokens before = new CardTokens(CardSigningKey.fromJwk(old.toJSONString(), "old"), CLOCK);
        String printed = before.issue("MP-0000042");

        CardSigningKey current = CardSigningKey.fromJwk(CardSigningKey.generate().toJSONString(), "new");
        String previous = "{\"keys\":[" + old.toPublicJWK().toJSONString() + "]}";
        CardTokens rotated = new CardTokens(current, CardSigningKey.previousPublicKeys(previous), CLOCK);
        assertThat(rotated.read(printed)).contains("MP-0000042");
        assertThat(rotated.read(rotated.issue("MP-0000043"))).contains("MP-0000043");
        assertThat(rotated.kid()).isNotEqualTo(before.kid());

        assertThat(new CardTokens(current, CLOCK).read(printed)).as("the old key not listed").isEmpty();
        String stranger = "{\"keys\":[" + CardSigningKey.generate().toPublicJWK().toJSONString() + "]}";
        assertThat(new CardTokens(current, CardSigningKey.previousPublicKeys(stranger), CLOCK).read(printed)).isEmpty();
        assertThat(CardSigningKey.previousPublicKeys(" ")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CardSigningKey.previousPublicKeys("[not json"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sadasya.card-previous-keys");
    }

    @Test
    void everyOneCharacterChange_isRefused_includingTheSignaturesUnusedLastBits() {
        CardTokens tokens = fresh();
        String token = tokens.issue("MP-0000042");
        int refused = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            char other = c == 'A' ? 'B' : c == '.' ? 'x' : 'A';
            String changed = token.substring(0, i) + other + token.substring(i + 1);
            assertThat(tokens.read(changed)).as("changed at %d: %s", i, changed).isEmpty();
            refused++;
        }
        assertThat(refused).isEqualTo(token.length());
        // one of the changes above only touched the last character's two unused bits
        String last = token.substring(0, token.length() - 1) + (char) (token.charAt(token.length() - 1) ^ 1);
        assertThat(tokens.read(last)).isEmpty();
    }

    @Test
    void anotherKey_anUnknownKid_noneAndMalformedTokens_areRefused() {
        CardTokens tokens = fresh();
        CardTokens other = fresh();
        assertThat(tokens.read(other.issue("MP-0000042"))).as("another key, another kid").isEmpty();

        OctetKeyPair impostor = new OctetKeyPair.Builder(CardSigningKey.generate()).keyID(tokens.kid()).build();
        CardTokens sameKid = new CardTokens(CardSigningKey.fromJwk(impostor.toJSONString(), "test"), CLOCK);
        assertThat(tokens.read(sameKid.issue("MP-0000042"))).as("our kid, another key").isEmpty();

        String[] parts = tokens.issue("MP-0000042").split("\\.");
        String none = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + tokens.kid() + "\"}") + "." + parts[1] + ".";
        assertThat(tokens.read(none)).isEmpty();
        String hs = Base64URL.encode("{\"alg\":\"HS256\",\"kid\":\"" + tokens.kid() + "\"}") + "." + parts[1] + "." + parts[2];
        assertThat(tokens.read(hs)).isEmpty();
        for (String bad : new String[] {"", "abc", "a.b.c", "..", parts[0] + "." + parts[1], "x".repeat(5000)}) {
            assertThat(tokens.read(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void theEmbeddedDefault_generatesAnOwnerOnlyKeyOnce_andAServerWithoutOneRefusesToStart(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("card.jwk");
        CardSigningKey first = CardSigningKey.resolve(null, true, file);
        CardSigningKey again = CardSigningKey.resolve("", true, file);
        assertThat(again.kid()).isEqualTo(first.kid());
        assertThat(new CardTokens(again, CLOCK).read(new CardTokens(first, CLOCK).issue("MP-1"))).contains("MP-1");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("\"crv\":\"Ed25519\"", "\"d\":");

        assertThatThrownBy(() -> CardSigningKey.resolve(null, false, dir.resolve("other.jwk")))
                .hasMessageContaining("sadasya.card-key");
        assertThatThrownBy(() -> CardSigningKey.fromJwk("{\"kty\":\"oct\",\"k\":\"AAAA\"}", "test"))
                .hasMessageContaining("Ed25519");
        String publicOnly = CardSigningKey.generate().toPublicJWK().toJSONString();
        assertThatThrownBy(() -> CardSigningKey.fromJwk(publicOnly, "test")).hasMessageContaining("private");
    }
}
