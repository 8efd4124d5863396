package org.sadasya.face.image;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * What a photo's EXIF says about its capture, for the CAPTURE_TIME rule and for reviewers. Every
 * field is {@code null} when the file does not carry it (or carries nonsense, such as a
 * 0000:00:00 date or a latitude of 200). EXIF is written by the client and is easy to forge: it is
 * evidence, never proof.
 *
 * @param captureLocalTime when the picture was taken, as the camera's clock showed it
 *                         (DateTimeOriginal, else DateTimeDigitized), to the second
 * @param captureOffset    the UTC offset the camera recorded with that time (OffsetTimeOriginal /
 *                         OffsetTimeDigitized, EXIF 2.31); most cameras and many phones omit it
 * @param cameraMake       e.g. {@code "Canon"}
 * @param cameraModel      e.g. {@code "Canon EOS 5D Mark IV"}
 * @param software         the last program that wrote the file, e.g. {@code "Adobe Photoshop 7.0"}
 * @param latitude         degrees, −90..90, north positive
 * @param longitude        degrees, −180..180, east positive
 */
public record ExifFacts(LocalDateTime captureLocalTime, ZoneOffset captureOffset, String cameraMake,
        String cameraModel, String software, Double latitude, Double longitude) {

    public static final ExifFacts NONE = new ExifFacts(null, null, null, null, null, null, null);

    public ExifFacts {
        if (captureOffset != null && captureLocalTime == null) {
            throw new IllegalArgumentException("a capture offset needs a capture time");
        }
        if ((latitude == null) != (longitude == null)) {
            throw new IllegalArgumentException("latitude and longitude come together");
        }
        if (latitude != null && !(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
            throw new IllegalArgumentException("coordinates out of range: " + latitude + ", " + longitude);
        }
    }

    /**
     * The capture instant: the recorded offset when there is one, else the local time read in
     * {@code zoneIfNoOffset} (for a drive in India, {@code Asia/Kolkata}). Empty without a time.
     */
    public Optional<Instant> captureInstant(ZoneId zoneIfNoOffset) {
        Objects.requireNonNull(zoneIfNoOffset, "zoneIfNoOffset");
        if (captureLocalTime == null) {
            return Optional.empty();
        }
        return Optional.of(captureOffset != null
                ? captureLocalTime.toInstant(captureOffset)
                : captureLocalTime.atZone(zoneIfNoOffset).toInstant());
    }

    public boolean hasLocation() {
        return latitude != null;
    }
}
