package org.sadasya.decision;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the rules need about one submitted enrolment, as plain values.
 *
 * @param submissionId      the client's id
 * @param workerId          the worker who submitted it
 * @param photo             the selfie with worker and member, as uploaded
 * @param burst             further frames of the same capture, in order (may be empty)
 * @param workerReferences  the worker's enrolled reference face embeddings, per model
 * @param booth             where the booth is
 * @param boothRadiusMeters how far from the booth's point an enrolment still counts as at the booth
 * @param position          the phone's GPS fix, or null when the phone had none
 * @param accuracyMeters    the fix's stated accuracy, or null
 * @param locatedAt         when the phone says the fix was taken, or null
 * @param claimedCapture    when the phone says the photo was taken, or null
 * @param receivedAt        when the service stored the submission
 * @param epic              the member's voter id (EPIC)
 * @param mobile            the member's mobile number (10 digits)
 * @param challenge         the challenge the burst followed, or null for a capture without a ticket
 * @param boothPath         the member's booth as an org-unit path ({@code /1/4/9/12/}), or null when not known
 */
public record EnrollmentCase(
        String submissionId,
        long workerId,
        byte[] photo,
        List<byte[]> burst,
        WorkerReferences workerReferences,
        GeoPoint booth,
        double boothRadiusMeters,
        GeoPoint position,
        Double accuracyMeters,
        Instant locatedAt,
        Instant claimedCapture,
        Instant receivedAt,
        String epic,
        String mobile,
        CaptureChallenge challenge,
        String boothPath) {

    public EnrollmentCase {
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(photo, "photo");
        burst = List.copyOf(burst);
        Objects.requireNonNull(workerReferences, "workerReferences");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(epic, "epic");
        Objects.requireNonNull(mobile, "mobile");
    }
}
