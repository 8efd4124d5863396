package org.sadasya.face.image;

import com.drew.lang.ByteArrayReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * The EXIF of an upload: its orientation and its {@link ExifFacts}.
 *
 * <p>We find the EXIF block ourselves (JPEG APP1, PNG eXIf, WebP EXIF chunk) and give only that
 * to metadata-extractor's TIFF parser, instead of its whole-file readers: those also inflate PNG
 * text chunks, and a 3 MB zTXt chunk that inflates to 3 GB made {@code PngMetadataReader} throw
 * OutOfMemoryError in our test. Broken EXIF is ignored, never a reason to refuse the photo.
 */
record ImageExif(int orientation, ExifFacts facts) {

    static final ImageExif NONE = new ImageExif(1, ExifFacts.NONE);

    /** Longest camera/software string kept: EXIF text is client-written and may be junk. */
    private static final int MAX_TEXT = 100;

    static ImageExif read(byte[] file, ImageFormat format) {
        byte[] tiff = switch (format) {
            case JPEG -> JpegStructure.exifTiff(file);
            case PNG -> pngExif(file);
            case WEBP -> webpExif(file);
        };
        if (tiff == null) {
            return NONE;
        }
        try {
            Metadata metadata = new Metadata();
            new ExifReader().extract(new ByteArrayReader(tiff), metadata);
            return from(metadata);
        } catch (RuntimeException | StackOverflowError e) {
            // metadata-extractor reports most damage as directory errors; anything it throws
            // means the block is unusable, and the pixels are still fine.
            return NONE;
        }
    }

    private static ImageExif from(Metadata metadata) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);

        int orientation = 1;
        if (ifd0 != null) {
            Integer value = ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            if (value != null && value >= 1 && value <= 8) {
                orientation = value;
            }
        }

        LocalDateTime time = null;
        ZoneOffset offset = null;
        if (sub != null) {
            time = dateTime(sub.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL));
            int offsetTag = ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL;
            if (time == null) {
                time = dateTime(sub.getString(ExifSubIFDDirectory.TAG_DATETIME_DIGITIZED));
                offsetTag = ExifSubIFDDirectory.TAG_TIME_ZONE_DIGITIZED;
            }
            offset = time == null ? null : offset(sub.getString(offsetTag));
        }

        Double latitude = null;
        Double longitude = null;
        GeoLocation location = gps == null ? null : gps.getGeoLocation();
        if (location != null && Math.abs(location.getLatitude()) <= 90 && Math.abs(location.getLongitude()) <= 180) {
            latitude = location.getLatitude();
            longitude = location.getLongitude();
        }

        ExifFacts facts = new ExifFacts(time, offset, text(ifd0, ExifIFD0Directory.TAG_MAKE),
                text(ifd0, ExifIFD0Directory.TAG_MODEL), text(ifd0, ExifIFD0Directory.TAG_SOFTWARE), latitude, longitude);
        return new ImageExif(orientation, facts);
    }

    /**
     * EXIF "YYYY:MM:DD HH:MM:SS". Only the first 19 characters are read: some writers glue
     * sub-seconds or an offset onto the end (one file in shared/data has "2009:09:09 20:27:09.60:04:00").
     * Blank and zero dates ("0000:00:00 00:00:00", common on phones without a set clock) give null.
     */
    static LocalDateTime dateTime(String value) {
        if (value == null || value.length() < 19) {
            return null;
        }
        String s = value.substring(0, 19);
        if (!s.matches("\\d{4}[:-]\\d{2}[:-]\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}")) {
            return null;
        }
        try {
            return LocalDateTime.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(5, 7)),
                    Integer.parseInt(s.substring(8, 10)), Integer.parseInt(s.substring(11, 13)),
                    Integer.parseInt(s.substring(14, 16)), Integer.parseInt(s.substring(17, 19)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** EXIF 2.31 OffsetTime*: "+05:30", "-07:00"; anything else gives null. */
    static ZoneOffset offset(String value) {
        if (value == null || !value.trim().matches("[+-]\\d{2}:\\d{2}")) {
            return null;
        }
        try {
            return ZoneOffset.of(value.trim());
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Trimmed printable text, at most {@link #MAX_TEXT} characters; null when empty. */
    private static String text(Directory directory, int tag) {
        String value = directory == null ? null : directory.getString(tag);
        if (value == null) {
            return null;
        }
        String cleaned = value.replaceAll("\\p{Cntrl}", "").trim();
        if (cleaned.isEmpty()) {
            return null;
        }
        return cleaned.length() > MAX_TEXT ? cleaned.substring(0, MAX_TEXT) : cleaned;
    }

    /** The data of the PNG eXIf chunk (PNG 1.5 extensions), or null. */
    private static byte[] pngExif(byte[] b) {
        int i = 8; // after the signature
        while (i + 8 <= b.length) {
            long length = readInt(b, i, false) & 0xffffffffL;
            String type = new String(b, i + 4, 4, StandardCharsets.ISO_8859_1);
            long end = i + 8 + length;
            if (end > b.length) {
                return null;
            }
            if (type.equals("eXIf")) {
                return Arrays.copyOfRange(b, i + 8, (int) end);
            }
            if (type.equals("IEND")) {
                return null;
            }
            i = (int) end + 4; // + CRC
        }
        return null;
    }

    /** The data of the WebP EXIF chunk (RIFF container, extended format), or null. */
    private static byte[] webpExif(byte[] b) {
        int i = 12; // after "RIFF" size "WEBP"
        while (i + 8 <= b.length) {
            long length = readInt(b, i + 4, true) & 0xffffffffL;
            long end = i + 8 + length;
            if (end > b.length) {
                return null;
            }
            if (new String(b, i, 4, StandardCharsets.ISO_8859_1).equals("EXIF")) {
                byte[] data = Arrays.copyOfRange(b, i + 8, (int) end);
                // Some writers keep JPEG's "Exif\0\0" preamble in the chunk.
                boolean preamble = data.length > 6 && new String(data, 0, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0");
                return preamble ? Arrays.copyOfRange(data, 6, data.length) : data;
            }
            i = (int) (end + (length & 1)); // chunks are padded to an even size
        }
        return null;
    }

    private static int readInt(byte[] b, int at, boolean littleEndian) {
        int b0 = b[at] & 0xff;
        int b1 = b[at + 1] & 0xff;
        int b2 = b[at + 2] & 0xff;
        int b3 = b[at + 3] & 0xff;
        return littleEndian ? b0 | b1 << 8 | b2 << 16 | b3 << 24 : b0 << 24 | b1 << 16 | b2 << 8 | b3;
    }
}
