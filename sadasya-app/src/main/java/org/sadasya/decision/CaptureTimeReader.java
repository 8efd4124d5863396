package org.sadasya.decision;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Port: the capture time the camera wrote into the photo (EXIF DateTimeOriginal), if any. */
public interface CaptureTimeReader {

    Optional<CaptureTime> read(byte[] encodedImage);

    /** EXIF stores local time; the offset (OffsetTimeOriginal) is often missing. */
    record CaptureTime(LocalDateTime local, Optional<ZoneOffset> offset) {}
}
