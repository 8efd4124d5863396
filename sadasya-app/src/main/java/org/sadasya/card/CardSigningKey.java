package org.sadasya.card;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HexFormat;
import org.sadasya.common.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 key that signs card tokens, as a JWK ({@code {"kty":"OKP","crv":"Ed25519","d":…,"x":…,"kid":…}},
 * RFC 8037): a standard text form that carries the key id with the key. A configured key
 * ({@code sadasya.card-key}) wins; only the embedded default may generate one, into
 * {@code <data-dir>/card.jwk}, owner-only, like the image and challenge keys.
 *
 * <p>Signing and verifying use the JDK's own Ed25519 (Java 15+). Nimbus signs EdDSA only through
 * Google Tink, an extra 2 MB with its own protobuf; so Nimbus keeps what it is good at (the JWK
 * and the JWS structure) and the JDK does the curve. The raw 32-byte keys of the JWK become JDK
 * keys through their fixed DER prefixes (RFC 8410).
 *
 * @param kid the key id written into every token's header; a token with another kid is refused
 */
public record CardSigningKey(String kid, PrivateKey privateKey, PublicKey publicKey) {

    private static final Logger log = LoggerFactory.getLogger(CardSigningKey.class);
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int RAW = 32;
    /** Key ids are a prefix of the RFC 7638 thumbprint: enough to tell keys apart, short in the QR code. */
    private static final int KID_CHARS = 16;

    public static CardSigningKey resolve(String configured, boolean mayGenerate, Path keyFile) {
        if (configured != null && !configured.isBlank()) {
            return fromJwk(configured.trim(), "sadasya.card-key");
        }
        if (!mayGenerate) {
            throw new IllegalStateException("no card signing key: set sadasya.card-key (SADASYA_CARD_KEY) to an Ed25519"
                    + " private JWK; only the embedded H2 default generates one");
        }
        try {
            if (Files.exists(keyFile)) {
                return fromJwk(Files.readString(keyFile, StandardCharsets.UTF_8).trim(), keyFile.toString());
            }
            OctetKeyPair jwk = generate();
            Files.createDirectories(keyFile.getParent());
            OwnerOnly.write(keyFile, jwk.toJSONString().getBytes(StandardCharsets.UTF_8));
            log.warn("generated a new card signing key {} in {} (owner-only); back it up", jwk.getKeyID(), keyFile);
            return of(jwk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the card signing key file " + keyFile, e);
        }
    }

    /** A new Ed25519 key pair as a private JWK with its key id. */
    public static OctetKeyPair generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] d = tail(pair.getPrivate().getEncoded());
            byte[] x = tail(pair.getPublic().getEncoded());
            OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, com.nimbusds.jose.util.Base64URL.encode(x))
                    .d(com.nimbusds.jose.util.Base64URL.encode(d)).build();
            return new OctetKeyPair.Builder(jwk).keyID(jwk.computeThumbprint().toString().substring(0, KID_CHARS))
                    .build();
        } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("Ed25519 is unavailable", e);
        }
    }

    static CardSigningKey fromJwk(String json, String source) {
        try {
            JWK jwk = JWK.parse(json);
            if (!(jwk instanceof OctetKeyPair okp) || !Curve.Ed25519.equals(okp.getCurve()) || !okp.isPrivate()) {
                throw new IllegalStateException(source + " is not a private Ed25519 JWK (kty OKP, crv Ed25519, d)");
            }
            return of(okp);
        } catch (ParseException e) {
            throw new IllegalStateException(source + " is not a JWK: " + e.getMessage());
        }
    }

    /**
     * The public keys of retired card keys, by key id: {@code sadasya.card-previous-keys}, a JWK Set
     * ({@code {"keys": [...]}}) of Ed25519 keys, public or private (only {@code x} and {@code kid}
     * are used). Cards signed with them keep verifying after a rotation. Blank: none.
     */
    public static java.util.Map<String, PublicKey> previousPublicKeys(String jwkSet) {
        java.util.Map<String, PublicKey> out = new java.util.LinkedHashMap<>();
        if (jwkSet == null || jwkSet.isBlank()) {
            return out;
        }
        try {
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            for (JWK jwk : com.nimbusds.jose.jwk.JWKSet.parse(jwkSet.strip()).getKeys()) {
                if (!(jwk instanceof OctetKeyPair okp) || !Curve.Ed25519.equals(okp.getCurve())) {
                    throw new IllegalStateException("sadasya.card-previous-keys holds a key that is not an Ed25519 JWK");
                }
                byte[] x = okp.getX().decode();
                if (x.length != RAW) {
                    throw new IllegalStateException("an Ed25519 key has a 32-byte x");
                }
                out.put(kidOf(okp), keys.generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, x))));
            }
            return out;
        } catch (ParseException e) {
            throw new IllegalStateException("sadasya.card-previous-keys is not a JWK Set: " + e.getMessage());
        } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("sadasya.card-previous-keys holds an invalid Ed25519 key", e);
        }
    }

    /** The JWK's kid, or (as for a key configured without one) the start of its RFC 7638 thumbprint. */
    private static String kidOf(OctetKeyPair jwk) throws com.nimbusds.jose.JOSEException {
        return jwk.getKeyID() != null ? jwk.getKeyID() : jwk.computeThumbprint().toString().substring(0, KID_CHARS);
    }

    private static CardSigningKey of(OctetKeyPair jwk) {
        byte[] d = jwk.getD().decode();
        byte[] x = jwk.getX().decode();
        if (d.length != RAW || x.length != RAW) {
            throw new IllegalStateException("an Ed25519 key has 32-byte d and x");
        }
        try {
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            return new CardSigningKey(kidOf(jwk), keys.generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, d))),
                    keys.generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, x))));
        } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("the card signing key is not a valid Ed25519 key", e);
        }
    }

    private static byte[] tail(byte[] encoded) {
        return Arrays.copyOfRange(encoded, encoded.length - RAW, encoded.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
