package org.sadasya.listaudit;

/**
 * What the face engine found in one photo of the list, kept in the checkpoint so that an
 * interrupted audit does not analyse it again.
 *
 * @param photo          the photo's path as the list names it (relative to the list's folder)
 * @param sizeBytes      file size when analysed (a changed file is analysed again on resume)
 * @param modifiedMillis file modification time when analysed
 * @param error          why the photo could not be used, e.g. {@code IMAGE_UNREADABLE: …}; null when read
 * @param faceCount      faces of comparable size (see {@link PhotoInspector#COMPARABLE_FACE_AREA})
 * @param box            the primary face's box {x, y, width, height} in image pixels; null without a face
 * @param embedding      the primary face's faceres embedding; null without a face
 * @param differenceHash 64-bit dHash of the whole photo; null when unreadable
 * @param spoofScore     the image's calibrated presentation-attack score 0..1; NaN without a face
 * @param verdict        LIVE, SPOOF or DOUBT for the image as a whole; null without a face
 * @param exifLatitude   EXIF GPS, or null
 * @param exifLongitude  EXIF GPS, or null
 */
public record PhotoFacts(String photo, long sizeBytes, long modifiedMillis, String error, int faceCount, double[] box,
        float[] embedding, Long differenceHash, double spoofScore, String verdict, Double exifLatitude,
        Double exifLongitude) {

    static PhotoFacts failed(String photo, long sizeBytes, long modifiedMillis, String error) {
        return new PhotoFacts(photo, sizeBytes, modifiedMillis, error, 0, null, null, null, Double.NaN, null, null, null);
    }

    public boolean hasFace() {
        return embedding != null;
    }
}
