package org.sadasya.card;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The token a card's QR code carries: a compact JWS (RFC 7515) signed with Ed25519 ({@code alg}
 * EdDSA, RFC 8037) whose header names the key ({@code kid}) and whose claims are the member id
 * ({@code sub}) and when the card was made ({@code iat}). Nothing else: the token is printed on
 * paper and must not carry the member's details.
 */
public final class CardTokens {

    private static final JWSAlgorithm ALG = JWSAlgorithm.EdDSA;

    private final CardSigningKey key;
    /** Retired keys' public halves by key id: printed cards outlive a key rotation. */
    private final Map<String, PublicKey> previous;
    private final Clock clock;

    public CardTokens(CardSigningKey key, Clock clock) {
        this(key, Map.of(), clock);
    }

    public CardTokens(CardSigningKey key, Map<String, PublicKey> previous, Clock clock) {
        this.key = key;
        this.previous = Map.copyOf(previous);
        this.clock = clock;
        if (read(issue("probe")).isEmpty()) {
            throw new IllegalStateException("the card signing key's d and x are not one key pair");
        }
    }

    public String kid() {
        return key.kid();
    }

    public String issue(String memberCode) {
        JWSHeader header = new JWSHeader.Builder(ALG).keyID(key.kid()).build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(memberCode).issueTime(Date.from(clock.instant())).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new JdkEd25519(key.publicKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a card token", e);
        }
        return jwt.serialize();
    }

    /**
     * The member id of a genuine token, or empty for anything else: malformed, another algorithm,
     * a key id that is neither the current key's nor a previous key's, critical header parameters, a bad signature, or any part not in canonical
     * base64url. The last matters: the last character of a 64-byte signature carries two unused
     * bits, and a decoder that ignores them would accept a token with that character changed.
     */
    public Optional<String> read(String token) {
        if (token == null || token.length() > 2048) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            for (Base64URL part : jwt.getParsedParts()) {
                if (!Base64URL.encode(part.decode()).toString().equals(part.toString())) {
                    return Optional.empty();
                }
            }
            JWSHeader h = jwt.getHeader();
            PublicKey signer = key.kid().equals(h.getKeyID()) ? key.publicKey() : h.getKeyID() == null ? null : previous.get(h.getKeyID());
            if (!ALG.equals(h.getAlgorithm()) || signer == null || h.getCriticalParams() != null
                    || !jwt.verify(new JdkEd25519(signer))) {
                return Optional.empty();
            }
            String sub = jwt.getJWTClaimsSet().getSubject();
            return sub == null || sub.isBlank() ? Optional.empty() : Optional.of(sub);
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Nimbus's signer and verifier interfaces over the JDK's Ed25519 (see {@link CardSigningKey}). */
    private final class JdkEd25519 implements JWSSigner, JWSVerifier {

        private final JCAContext jca = new JCAContext();
        private final PublicKey verifyWith;

        JdkEd25519(PublicKey verifyWith) {
            this.verifyWith = verifyWith;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(key.privateKey());
                s.update(signingInput);
                return Base64URL.encode(s.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 signing failed", e);
            }
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(verifyWith);
                s.update(signingInput);
                return s.verify(signature.decode());
            } catch (java.security.SignatureException e) {
                return false; // a signature of the wrong length or encoding
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 verification failed", e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(ALG);
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }
}
