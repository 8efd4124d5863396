package org.sadasya.common;

import org.springframework.http.MediaType;

/** The media type of a stored image, for serving it back. */
public final class StoredImageTypes {

    private StoredImageTypes() {}

    /** The intake keeps JPEG, PNG and WebP; the type is read from the bytes, not from what the phone claimed. */
    public static MediaType of(byte[] b) {
        if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return MediaType.IMAGE_JPEG;
        }
        if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return MediaType.IMAGE_PNG;
        }
        if (b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P') {
            return MediaType.parseMediaType("image/webp");
        }
        return MediaType.APPLICATION_OCTET_STREAM;
    }
}
