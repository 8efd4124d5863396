package org.sadasya.signals;

import java.time.Instant;
import java.util.Map;
import org.sadasya.decision.GeoPoint;

/**
 * What the signals read of one enrolment: no photos, no embeddings.
 *
 * @param at             when it was taken: the phone's capture time, else when the server received it
 * @param position       the GPS fix, or null
 * @param booth          the booth's centre, or null when the booth has no location
 * @param mobile         the member's mobile number (normalised), or null
 * @param outcomes       each rule's outcome by rule code (empty while undecided)
 */
public record WorkerEnrolment(String submissionId, long workerId, String status, Instant at, GeoPoint position,
        Double accuracyMeters, GeoPoint booth, Double boothRadiusMeters, String mobile, Map<String, String> outcomes) {

    public boolean decided() {
        return !"RECEIVED".equals(status) && !"PROCESSING".equals(status);
    }

    /** The rule's outcome (PASS, REVIEW, REJECT), or null when the rule did not run. */
    public String outcome(String rule) {
        return outcomes.get(rule);
    }
}
