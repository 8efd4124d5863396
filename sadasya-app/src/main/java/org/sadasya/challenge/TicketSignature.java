package org.sadasya.challenge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.sadasya.face.challenge.ChallengeStep;

/**
 * Signs and checks challenge tickets: HMAC-SHA256 with the service's challenge key over the
 * ticket's id, the worker it was issued to, its steps and both times, so that the server can tell a
 * genuine, unaltered ticket of this worker from the enrolment alone, without trusting the phone.
 *
 * <p>Rotation: tickets are signed with the current key; a signature is accepted when the current key
 * or one of the previous keys ({@code sadasya.challenge-previous-keys}) made it, so tickets issued
 * before a rotation and still waiting in a phone's outbox keep their signature. A ticket needs no
 * key id for that: checking a few HMACs costs less than the lookup would.
 */
public final class TicketSignature {

    /** Versions the signed text, so that a later layout cannot be confused with this one. */
    private static final String DOMAIN = "sadasya-challenge-v1";

    private final SecretKey key;
    private final List<SecretKey> previous;

    public TicketSignature(SecretKey key) {
        this(key, List.of());
    }

    /** @param previous keys retired from signing, still accepted for the tickets they signed */
    public TicketSignature(SecretKey key, List<SecretKey> previous) {
        this.key = key;
        this.previous = List.copyOf(previous);
    }

    public String sign(String challengeId, long workerId, List<ChallengeStep> steps, Instant issuedAt,
            Instant expiresAt) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac(key, signedText(challengeId, workerId, steps, issuedAt, expiresAt)));
    }

    /** Whether {@code signature} is this service's signature of exactly these values (constant-time compare). */
    public boolean matches(String signature, String challengeId, long workerId, List<ChallengeStep> steps,
            Instant issuedAt, Instant expiresAt) {
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String text = signedText(challengeId, workerId, steps, issuedAt, expiresAt);
        boolean match = MessageDigest.isEqual(given, mac(key, text));
        for (SecretKey k : previous) {
            match |= MessageDigest.isEqual(given, mac(k, text)); // every key tried: the time does not tell which matched
        }
        return match;
    }

    private static String signedText(String challengeId, long workerId, List<ChallengeStep> steps, Instant issuedAt,
            Instant expiresAt) {
        return String.join("\n", DOMAIN, challengeId, Long.toString(workerId),
                steps.stream().map(Enum::name).collect(Collectors.joining(",")), issuedAt.toString(),
                expiresAt.toString());
    }

    private static byte[] mac(SecretKey key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }
}
