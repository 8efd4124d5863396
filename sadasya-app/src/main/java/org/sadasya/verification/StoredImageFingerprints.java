package org.sadasya.verification;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.sadasya.decision.DifferenceHash;
import org.sadasya.decision.FingerprintChunks;
import org.sadasya.decision.ImageFingerprints;
import org.sadasya.enrollment.EnrollmentRepository;

/**
 * Adapter for {@link ImageFingerprints}: decodes the photo (subsampled to about 256 pixels on its
 * shorter side, which is plenty for a 9 × 8 grid), computes its {@link DifferenceHash}, and finds
 * the earlier enrolments' fingerprints within a distance by multi-index hashing ({@link FingerprintChunks}).
 */
public final class StoredImageFingerprints implements ImageFingerprints {

    private final EnrollmentRepository enrollments;

    public StoredImageFingerprints(EnrollmentRepository enrollments) {
        this.enrollments = enrollments;
    }

    @Override
    public OptionalLong fingerprint(byte[] encodedImage) {
        // In memory, never ImageIO.createImageInputStream: that may buffer through a temporary file,
        // which would put a decrypted photo on disk.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encodedImage))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                return OptionalLong.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if ((long) w * h > 100_000_000L) {
                    return OptionalLong.empty();
                }
                int step = Math.max(1, Math.min(w, h) / 256);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage img = reader.read(0, param);
                return OptionalLong.of(hash(img));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static long hash(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        double[] lum = new double[w * h];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            lum[i] = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff); // ITU-R BT.601
        }
        return DifferenceHash.of(lum, w, h);
    }

    @Override
    public List<FingerprintMatch> within(long hash, int maxDistance, String excludeSubmissionId) {
        var candidates = FingerprintChunks.radius(maxDistance) <= FingerprintChunks.MAX_RADIUS
                ? enrollments.fingerprintsWithin(hash, maxDistance, excludeSubmissionId)
                : enrollments.fingerprints(excludeSubmissionId);
        return candidates.stream()
                .map(f -> new FingerprintMatch(f.submissionId(), DifferenceHash.distance(hash, f.hash())))
                .filter(m -> m.distance() <= maxDistance)
                .sorted(Comparator.comparingInt(FingerprintMatch::distance))
                .toList();
    }
}
