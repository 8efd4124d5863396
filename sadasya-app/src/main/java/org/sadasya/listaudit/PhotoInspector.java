package org.sadasya.listaudit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sadasya.decision.DifferenceHash;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.image.DecodedImage;
import org.sadasya.face.image.ExifFacts;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;
import org.sadasya.face.model.FaceModel;

/**
 * Adapter from the face engine to {@link PhotoFacts}: decodes each photo once (limits, EXIF
 * orientation), analyses it, and hashes it. Thread-safe (the engine is).
 */
public final class PhotoInspector {

    /**
     * A face counts towards MULTIPLE_FACES when its box is at least this share of the largest
     * face's area: a list photo should show one person; a small face in the background (a poster,
     * a passer-by) is not a second member. Same idea as the service's FACE_COUNT rule (DESIGN.md).
     */
    public static final double COMPARABLE_FACE_AREA = 0.25;

    private final FaceEngine engine;

    public PhotoInspector(FaceEngine engine) {
        this.engine = engine;
    }

    /** Model and operating point: a checkpoint made with other ones is not reused. */
    public String modelVersion() {
        return FaceModel.PACKAGE_VERSION + " " + engine.mode() + " match=" + engine.matchThreshold();
    }

    public double matchThreshold() {
        return engine.matchThreshold();
    }

    public PhotoFacts inspect(String photo, Path file) {
        long size = -1;
        long modified = -1;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
            DecodedImage decoded = engine.intake().decode(file);
            ImageAnalysis analysis = engine.analyze(decoded.image());
            return facts(photo, size, modified, decoded, analysis);
        } catch (ImageRejectedException e) {
            return PhotoFacts.failed(photo, size, modified, e.code().name() + ": " + e.getMessage());
        } catch (IOException e) {
            return PhotoFacts.failed(photo, size, modified, "IMAGE_UNREADABLE: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) { // a photo that breaks the pipeline must not stop the audit
            return PhotoFacts.failed(photo, size, modified, "ANALYSIS_FAILED: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private static PhotoFacts facts(String photo, long size, long modified, DecodedImage decoded, ImageAnalysis a) {
        ExifFacts exif = decoded.exif();
        Long hash = differenceHash(decoded.image());
        var primary = a.primaryFace();
        if (primary.isEmpty()) {
            return new PhotoFacts(photo, size, modified, null, 0, null, null, hash, Double.NaN, null,
                    exif.latitude(), exif.longitude());
        }
        FaceObservation face = primary.get();
        double largest = a.faces().stream().mapToDouble(f -> f.box().area()).max().orElse(0);
        int comparable = (int) a.faces().stream().filter(f -> f.box().area() >= COMPARABLE_FACE_AREA * largest).count();
        double[] box = {face.box().x(), face.box().y(), face.box().width(), face.box().height()};
        String verdict = a.liveness().verdict().map(Enum::name).orElse(null);
        return new PhotoFacts(photo, size, modified, null, comparable, box, face.embedding().clone(), hash,
                a.liveness().spoofScore(), verdict, exif.latitude(), exif.longitude());
    }

    /** dHash of the oriented image; null when it is too small to hash. */
    static Long differenceHash(RgbImage image) {
        int w = image.width();
        int h = image.height();
        if (w < 9 || h < 8) {
            return null;
        }
        byte[] rgb = image.rgb();
        double[] lum = new double[w * h];
        for (int i = 0; i < lum.length; i++) {
            lum[i] = 0.299 * (rgb[3 * i] & 0xff) + 0.587 * (rgb[3 * i + 1] & 0xff) + 0.114 * (rgb[3 * i + 2] & 0xff); // BT.601, as StoredImageFingerprints
        }
        return DifferenceHash.of(lum, w, h);
    }
}
