package org.sadasya.decision;

/**
 * How far a GPS fix is from a booth, giving the phone the benefit of its reported accuracy: the
 * member may have stood anywhere within {@code accuracyMeters} of the fix, so the nearest point of
 * that circle is what is compared with the booth's radius. FIELD_PRESENCE decides with it, and the
 * OUTSIDE_BOOTH worker signal counts with the same measure, so the two never disagree.
 *
 * @param distanceMeters        fix to booth centre
 * @param nearestPossibleMeters the distance less the accuracy (never below 0)
 * @param radiusMeters          the booth's radius
 */
public record BoothDistance(double distanceMeters, double nearestPossibleMeters, double radiusMeters) {

    /** {@code accuracyMeters} null: the fix is taken as exact. */
    public static BoothDistance of(GeoPoint position, Double accuracyMeters, GeoPoint booth, double radiusMeters) {
        double distance = position.distanceMeters(booth);
        double accuracy = accuracyMeters == null ? 0 : accuracyMeters;
        return new BoothDistance(distance, Math.max(0, distance - accuracy), radiusMeters);
    }

    /** Even the nearest point the accuracy allows is outside the booth's radius. */
    public boolean outside() {
        return nearestPossibleMeters > radiusMeters;
    }

    /** Even the nearest possible point is beyond {@code factor} times the radius. */
    public boolean beyond(double factor) {
        return nearestPossibleMeters > radiusMeters * factor;
    }
}
