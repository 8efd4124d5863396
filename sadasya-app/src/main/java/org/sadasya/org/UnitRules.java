package org.sadasya.org;

/** What a unit's location must be, checked alike for one unit from the API and for each row of an import. */
final class UnitRules {

    static final double MAX_RADIUS_METERS = 100_000;

    /** A field and the message key saying what is wrong with it. */
    record Problem(String field, String messageKey) {}

    private UnitRules() {}

    /** The first problem of a location (all three may be absent), or null. */
    static Problem location(Double latitude, Double longitude, Double radiusMeters) {
        if ((latitude == null) != (longitude == null)) {
            return new Problem(latitude == null ? "latitude" : "longitude", "field.required");
        }
        if (latitude != null && !(latitude >= -90 && latitude <= 90)) {
            return new Problem("latitude", "field.latitude");
        }
        if (longitude != null && !(longitude >= -180 && longitude <= 180)) {
            return new Problem("longitude", "field.longitude");
        }
        if (radiusMeters != null && !(radiusMeters > 0 && radiusMeters <= MAX_RADIUS_METERS)) {
            return new Problem("radiusMeters", "field.radius");
        }
        return null;
    }
}
