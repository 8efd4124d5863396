package org.sadasya.verification;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Adapter for {@link CaptureTimeReader}: EXIF DateTimeOriginal (+ OffsetTimeOriginal) via metadata-extractor. */
public final class ExifCaptureTimeReader implements CaptureTimeReader {

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    @Override
    public Optional<CaptureTime> read(byte[] encodedImage) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(encodedImage));
            ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
            if (exif == null) {
                return Optional.empty();
            }
            String original = exif.getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL);
            if (original == null || original.isBlank() || original.startsWith("0000")) {
                return Optional.empty();
            }
            LocalDateTime local = LocalDateTime.parse(original.trim().substring(0, 19), EXIF_TIME);
            String offset = exif.getString(ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL);
            Optional<ZoneOffset> zone = Optional.empty();
            if (offset != null && !offset.isBlank()) {
                try {
                    zone = Optional.of(ZoneOffset.of(offset.trim()));
                } catch (RuntimeException ignored) {
                    // a malformed offset is no offset
                }
            }
            return Optional.of(new CaptureTime(local, zone));
        } catch (Exception e) {
            // Unreadable metadata is no evidence either way (DESIGN.md, CAPTURE_TIME).
            return Optional.empty();
        }
    }
}
