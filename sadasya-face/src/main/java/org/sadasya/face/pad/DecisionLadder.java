package org.sadasya.face.pad;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.sadasya.face.LivenessVerdict;

/**
 * Two thresholds on a calibrated spoof score: below {@code liveBelow} a face is {@code live}, from
 * {@code spoofFrom} up it is {@code spoof}, and in between it is {@code doubt} — for a person to
 * look at, never a silent rejection.
 */
public record DecisionLadder(@JsonProperty("liveBelow") double liveBelow, @JsonProperty("spoofFrom") double spoofFrom) {

    /** A ladder that never fires: every score reads {@code live}. For a signal not shown to help. */
    public static final DecisionLadder NEVER = new DecisionLadder(1.0, 1.0);

    public boolean fires() {
        return liveBelow < 1.0;
    }

    public DecisionLadder {
        if (!(liveBelow >= 0 && liveBelow <= spoofFrom && spoofFrom <= 1)) {
            throw new IllegalArgumentException("need 0 <= liveBelow <= spoofFrom <= 1: " + liveBelow + ", " + spoofFrom);
        }
    }

    public LivenessVerdict verdict(double spoofScore) {
        if (Double.isNaN(spoofScore)) {
            return LivenessVerdict.DOUBT;
        }
        if (spoofScore >= spoofFrom && spoofFrom < 1.0) {
            return LivenessVerdict.SPOOF;
        }
        return spoofScore < liveBelow || !fires() ? LivenessVerdict.LIVE : LivenessVerdict.DOUBT;
    }

    /** The more severe of two verdicts: spoof over doubt over live. */
    public static LivenessVerdict worst(LivenessVerdict a, LivenessVerdict b) {
        return severity(a) >= severity(b) ? a : b;
    }

    private static int severity(LivenessVerdict v) {
        return switch (v) {
            case LIVE -> 0;
            case DOUBT -> 1;
            case SPOOF -> 2;
        };
    }
}
