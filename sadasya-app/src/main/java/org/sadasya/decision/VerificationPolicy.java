package org.sadasya.decision;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The operating points of the rules. Values come from configuration ({@code sadasya.verification.*}
 * in application.yml, where each one cites its source); the face match threshold is the engine's.
 *
 * @param minDetectionScore        faces below this detector score are not usable
 * @param minFaceSizePixels        faces whose shorter side is smaller are background faces
 * @param thirdFaceAreaRatio       a third face at least this share of the second face's area → review
 * @param duplicateReviewMargin    member similarity within this margin below the match threshold → review
 * @param radiusReviewFactor       GPS beyond the radius but within radius × factor → review, farther → reject
 * @param maxAccuracyMeters        a GPS fix less accurate than this is weak evidence → review
 * @param maxFixGap                a GPS fix taken farther than this from the capture time is not the capture's → review
 * @param reuseRejectDistance      dHash distance (bits of 64) at or below which the photo is the same → reject
 * @param reuseReviewDistance      dHash distance at or below which a person should look → review
 * @param captureTolerance         EXIF time within this of the claimed time → pass
 * @param captureReviewWindow      EXIF time within this of the claimed time → review, farther → reject
 * @param exifZone                 the zone to read an EXIF time without offset in
 * @param mobileReuseOutcome       what a mobile number shared with another member means (families share phones)
 * @param requireChallenge         without a valid ticket and a followed challenge, LIVENESS is REVIEW at best
 */
public record VerificationPolicy(
        double minDetectionScore,
        int minFaceSizePixels,
        double thirdFaceAreaRatio,
        double duplicateReviewMargin,
        double radiusReviewFactor,
        double maxAccuracyMeters,
        Duration maxFixGap,
        int reuseRejectDistance,
        int reuseReviewDistance,
        Duration captureTolerance,
        Duration captureReviewWindow,
        ZoneId exifZone,
        Outcome mobileReuseOutcome,
        boolean requireChallenge) {

    public VerificationPolicy {
        if (minDetectionScore < 0 || minDetectionScore > 1) {
            throw new IllegalArgumentException("minDetectionScore must be 0..1");
        }
        if (thirdFaceAreaRatio <= 0 || thirdFaceAreaRatio > 1) {
            throw new IllegalArgumentException("thirdFaceAreaRatio must be in (0, 1]");
        }
        if (radiusReviewFactor < 1) {
            throw new IllegalArgumentException("radiusReviewFactor must be ≥ 1");
        }
        if (reuseRejectDistance > reuseReviewDistance || reuseRejectDistance < 0 || reuseReviewDistance > 64) {
            throw new IllegalArgumentException("need 0 ≤ reuseRejectDistance ≤ reuseReviewDistance ≤ 64");
        }
        if (maxFixGap.isNegative()) {
            throw new IllegalArgumentException("maxFixGap must be ≥ 0");
        }
        Objects.requireNonNull(captureTolerance);
        Objects.requireNonNull(captureReviewWindow);
        Objects.requireNonNull(exifZone);
        Objects.requireNonNull(mobileReuseOutcome);
    }

    /** The defaults of application.yml, for tests and plain-Java use. */
    public static VerificationPolicy defaults() {
        return new VerificationPolicy(0.5, 40, 0.5, 0.05, 3.0, 100.0, Duration.ofMinutes(2), 6, 12,
                Duration.ofMinutes(15), Duration.ofDays(2),
                ZoneId.of("Asia/Kolkata"), Outcome.REVIEW, true);
    }
}
