package org.sadasya.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.sadasya.face.challenge.ChallengeStep;

/** Rotating the challenge key: a ticket signed before the rotation keeps its signature while the old key is kept. */
class TicketSignatureRotationTest {

    static final List<ChallengeStep> STEPS = List.of(ChallengeStep.values()[0], ChallengeStep.values()[1], ChallengeStep.values()[0]);
    static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant EXPIRES = ISSUED.plusSeconds(3600);

    @Test
    void aTicketSignedWithThePreviousKey_isAccepted_untilThatKeyIsDropped() {
        SecretKey a = key();
        SecretKey b = key();
        String before = new TicketSignature(a).sign("t-1", 7, STEPS, ISSUED, EXPIRES);

        TicketSignature rotated = new TicketSignature(b, List.of(a));
        assertThat(rotated.matches(before, "t-1", 7, STEPS, ISSUED, EXPIRES)).isTrue();
        String after = rotated.sign("t-2", 7, STEPS, ISSUED, EXPIRES);
        assertThat(new TicketSignature(b).matches(after, "t-2", 7, STEPS, ISSUED, EXPIRES)).as("signed with the new key").isTrue();
        assertThat(new TicketSignature(a).matches(after, "t-2", 7, STEPS, ISSUED, EXPIRES)).isFalse();

        assertThat(rotated.matches(before, "t-1", 8, STEPS, ISSUED, EXPIRES)).as("another worker").isFalse();
        assertThat(new TicketSignature(b).matches(before, "t-1", 7, STEPS, ISSUED, EXPIRES)).as("the old key dropped").isFalse();
    }

    private static SecretKey key() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return new SecretKeySpec(raw, "HmacSHA256");
    }
}
