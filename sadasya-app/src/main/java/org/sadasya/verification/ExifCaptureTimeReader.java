package org.sadasya.verification;

import java.util.Optional;
import org.sadasya.decision.CaptureTimeReader;
import org.sadasya.face.image.ExifFacts;
import org.sadasya.face.image.ImageIntake;

/**
 * Adapter for {@link CaptureTimeReader}: the capture time of the face library's bounded EXIF reader
 * (DateTimeOriginal, else DateTimeDigitized, with its recorded offset), the same facts the list
 * audit reads. It parses the EXIF block only, so a PNG text-chunk bomb in the upload is never inflated.
 */
public final class ExifCaptureTimeReader implements CaptureTimeReader {

    @Override
    public Optional<CaptureTime> read(byte[] encodedImage) {
        ExifFacts facts = ImageIntake.exifFacts(encodedImage);
        if (facts.captureLocalTime() == null) {
            return Optional.empty();
        }
        return Optional.of(new CaptureTime(facts.captureLocalTime(), Optional.ofNullable(facts.captureOffset())));
    }
}
