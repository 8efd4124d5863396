package org.sadasya.decision;

import java.util.List;
import java.util.OptionalLong;

/** Port: perceptual fingerprints of submitted photos, to find a photo submitted twice. */
public interface ImageFingerprints {

    /** The photo's 64-bit difference hash, or empty when it cannot be decoded. */
    OptionalLong fingerprint(byte[] encodedImage);

    /** Earlier submissions whose fingerprint is within {@code maxDistance} bits, nearest first. */
    List<FingerprintMatch> within(long hash, int maxDistance, String excludeSubmissionId);

    record FingerprintMatch(String submissionId, int distance) {}
}
