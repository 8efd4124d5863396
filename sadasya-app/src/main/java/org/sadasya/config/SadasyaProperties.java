package org.sadasya.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.sadasya.decision.Outcome;
import org.sadasya.decision.VerificationPolicy;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.index.lucene.HnswOptions;
import org.sadasya.index.lucene.VectorQuantization;
import org.sadasya.signals.SignalThresholds;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sadasya.*} in application.yml: see there for what each value is and where it comes from.
 *
 * @param driveZone the time zone in which a worker's "today" and "this week" are counted
 */
@ConfigurationProperties(prefix = "sadasya")
public record SadasyaProperties(
        Path dataDir,
        String imageKey,
        String challengeKey,
        String memberPrefix,
        @DefaultValue("12h") Duration tokenTtl,
        @DefaultValue("false") boolean demo,
        @DefaultValue("mobilefacenet") EmbeddingModel faceEmbedding,
        @DefaultValue("hnsw") FaceIndexKind faceIndex,
        @DefaultValue("int8") String faceIndexFormat,
        Integer faceIndexM,
        Integer faceIndexCandidates,
        @DefaultValue("0") int faceIndexProjection,
        @DefaultValue("0") int faceIndexRerankDepth,
        String adminPassword,
        @DefaultValue Intake intake,
        @DefaultValue Verifier verifier,
        @DefaultValue Verification verification,
        @DefaultValue Challenge challenge,
        @DefaultValue Liveness liveness,
        @DefaultValue SignalThresholds signals,
        @DefaultValue("Asia/Kolkata") ZoneId driveZone,
        @DefaultValue MapTiles mapTiles) {

    /** The rules' operating points: {@code sadasya.verification.*} and {@code sadasya.liveness.*}. */
    public VerificationPolicy policy() {
        return verification.policy(liveness.requireChallenge());
    }

    /** The DUPLICATE_FACE search: the on-disk HNSW index (default) or a brute-force scan of every member face. */
    public enum FaceIndexKind { HNSW, EXACT }

    /**
     * The HNSW index's tuning: defaults with {@code face-index-format} (int8, or int4 for state-scale
     * galleries), {@code face-index-m} (the graph's M) and {@code face-index-candidates} (re-ranked
     * per search) and {@code face-index-projection} (0, or the dimensions of the learned projection
     * the graph is built on; docs/index-measurements.md, "A projected graph"); {@code face-index-rerank-depth}
     * re-ranks only the best that many candidates (0 = all), which matters when the full vectors are
     * on disk. The depth only changes searches, so {@code sadasya index rebuild} does not need it.
     */
    public HnswOptions hnswOptions() {
        // unset (or set empty by application.yml's placeholder): the index library's defaults, kept in one place
        return hnswOptions(faceIndexFormat, faceIndexM == null ? HnswOptions.DEFAULT_M : faceIndexM,
                faceIndexCandidates == null ? HnswOptions.DEFAULT_CANDIDATES : faceIndexCandidates, faceIndexProjection)
                .withRerankDepth(faceIndexRerankDepth);
    }

    public static HnswOptions hnswOptions(String format, int m, int candidates, int projection) {
        HnswOptions defaults = HnswOptions.defaults();
        return defaults.withQuantization(VectorQuantization.parse(format == null ? "int8" : format))
                .withGraph(m, defaults.beamWidth())
                .withCandidates(candidates)
                .withProjection(projection, defaults.projectionTraining());
    }

    /**
     * A map under the console's GPS plot: a tile URL template ({@code https://host/{z}/{x}/{y}.png},
     * Web Mercator tiles) and the attribution its provider requires. None by default: the plot is
     * drawn without a map, and no origin but the app's own is in the Content-Security-Policy.
     */
    public record MapTiles(String url, String attribution) {
        public MapTiles {
            if (url != null && url.isBlank()) {
                url = null;
            }
            if (url != null) {
                if (!url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}")) {
                    throw new IllegalArgumentException("sadasya.map-tiles.url needs {z}, {x} and {y}: " + url);
                }
                origin(url); // fails on a URL that names no http(s) origin
            }
        }

        public boolean configured() {
            return url != null;
        }

        /** The tiles' origin ({@code https://host[:port]}), for the Content-Security-Policy. */
        public String origin() {
            return origin(url);
        }

        private static String origin(String url) {
            java.net.URI uri;
            try {
                uri = java.net.URI.create(url.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sadasya.map-tiles.url is not a URL: " + url, e);
            }
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
                throw new IllegalArgumentException("sadasya.map-tiles.url must be an http(s) URL: " + url);
            }
            return scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        }
    }

    public record Intake(@DefaultValue("10000000") int maxPhotoBytes, @DefaultValue("12") int maxBurstFrames) {}

    /**
     * Challenge tickets: a ticket may be used for a capture until {@code lifetime} after it was
     * issued, and such a capture may still arrive until {@code grace} after the ticket expired;
     * {@code steps} per ticket; at most {@code maxCount} tickets per request; no tickets while the
     * worker has {@code coolDownFailures} LIVENESS rejections within {@code coolDownWindow}; a
     * ticket's row is deleted {@code keepAfterGrace} after its grace ended.
     */
    public record Challenge(@DefaultValue("3d") Duration lifetime, @DefaultValue("7d") Duration grace,
            @DefaultValue("3") int steps, @DefaultValue("50") int maxCount,
            @DefaultValue("5") int coolDownFailures, @DefaultValue("24h") Duration coolDownWindow,
            @DefaultValue("30d") Duration keepAfterGrace) {}

    /** LIVENESS: without a valid ticket and a followed challenge, REVIEW at best. */
    public record Liveness(@DefaultValue("true") boolean requireChallenge) {}

    public record Verifier(@DefaultValue("true") boolean enabled, @DefaultValue("2") int threads,
            @DefaultValue("60s") Duration lease, @DefaultValue("500ms") Duration poll,
            @DefaultValue("5") int maxAttempts, @DefaultValue("10s") Duration backoff) {}

    public record Verification(
            @DefaultValue("0.5") double minDetectionScore,
            @DefaultValue("40") int minFaceSizePixels,
            @DefaultValue("0.5") double thirdFaceAreaRatio,
            @DefaultValue("0.05") double duplicateReviewMargin,
            @DefaultValue("3.0") double radiusReviewFactor,
            @DefaultValue("100") double maxAccuracyMeters,
            @DefaultValue("2m") Duration maxFixGap,
            @DefaultValue("6") int reuseRejectDistance,
            @DefaultValue("12") int reuseReviewDistance,
            @DefaultValue("15m") Duration captureTolerance,
            @DefaultValue("2d") Duration captureReviewWindow,
            @DefaultValue("Asia/Kolkata") ZoneId exifZone,
            @DefaultValue("REVIEW") Outcome mobileReuseOutcome) {

        VerificationPolicy policy(boolean requireChallenge) {
            return new VerificationPolicy(minDetectionScore, minFaceSizePixels, thirdFaceAreaRatio,
                    duplicateReviewMargin, radiusReviewFactor, maxAccuracyMeters, maxFixGap, reuseRejectDistance,
                    reuseReviewDistance, captureTolerance, captureReviewWindow, exifZone,
                    mobileReuseOutcome, requireChallenge);
        }
    }
}
