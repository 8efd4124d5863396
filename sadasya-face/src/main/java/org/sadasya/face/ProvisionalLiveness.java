package org.sadasya.face;

/**
 * Liveness from the two packaged models alone. They are uncalibrated (the antispoof model calls
 * 18 % of genuine faces spoof at 0.5: research/tfjs-reference.md §4), so on their own they never
 * reject: a weak antispoof score only sends the face to doubt (human review).
 */
final class ProvisionalLiveness {
    /** antispoof "real" below this → doubt. The 10th percentile of genuine faces was 0.43 (§4). */
    static final double DOUBT_BELOW_REAL = 0.3;

    private ProvisionalLiveness() {}

    static LivenessScore score(double antispoofReal, double livenessColumn0) {
        double spoof = 1 - antispoofReal;
        LivenessVerdict verdict = antispoofReal < DOUBT_BELOW_REAL ? LivenessVerdict.DOUBT : LivenessVerdict.LIVE;
        return new LivenessScore(antispoofReal, livenessColumn0, spoof, verdict);
    }
}
