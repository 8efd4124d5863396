package org.sadasya.signals;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The signals' thresholds, {@code sadasya.signals.*} in application.yml (see there and
 * README-console.md, "Worker signals", for why each value).
 *
 * @param minEnrolments a rate (outside booth, rejection, liveness failure, night) counts only from this many enrolments
 */
public record SignalThresholds(
        @DefaultValue("30") double sameSpotRadiusMeters,
        @DefaultValue("10") int sameSpotMinEnrolments,
        @DefaultValue("3") int sameSpotMinVisits,
        @DefaultValue("1h") Duration sameSpotVisitGap,
        @DefaultValue("50") double sameSpotMaxAccuracyMeters,
        @DefaultValue("10") int minEnrolments,
        @DefaultValue("0.3") double outsideBoothRate,
        @DefaultValue("80") double maxSpeedKmh,
        @DefaultValue("1000") double velocityMinDistanceMeters,
        @DefaultValue("1") int imageReuseMinEnrolments,
        @DefaultValue("0.3") double rejectionRate,
        @DefaultValue("0.2") double livenessFailureRate,
        @DefaultValue("3") int repeatedMobileMinUses,
        @DefaultValue("22") int nightFromHour,
        @DefaultValue("6") int nightToHour,
        @DefaultValue("5") int nightMinEnrolments,
        @DefaultValue("0.2") double nightRate,
        @DefaultValue("50") int maxEvidenceIds) {

    /** The defaults of the annotations above, bound the way Spring binds the configuration. */
    public static SignalThresholds defaults() {
        return with(Map.of());
    }

    /** The defaults with some values changed, named as in application.yml (e.g. {@code max-speed-kmh}). */
    public static SignalThresholds with(Map<String, String> values) {
        Map<String, String> prefixed = new java.util.HashMap<>();
        values.forEach((k, v) -> prefixed.put("sadasya.signals." + k, v));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("sadasya.signals", SignalThresholds.class);
    }
}
