package org.sadasya.verification;

import org.sadasya.decision.DifferenceHash;
import org.sadasya.decision.FingerprintChunks;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.decision.ImageFingerprints.FingerprintMatch;
import org.sadasya.enrollment.EnrollmentRepository.Fingerprint;
import org.sadasya.enrollment.EnrollmentStatus;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Fixture;

/** IMAGE_REUSE's indexed lookup finds exactly what a scan of every stored fingerprint finds. */
class FingerprintLookupTest {

    @TempDir
    Path dir;
    Fixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.db.close();
        }
    }

    @Test
    void chunkNeighbours_areEveryValueWithinTheRadius_once() {
        int[] within3 = FingerprintChunks.within(0xBEEF, 3);
        assertThat(within3).hasSize(1 + 16 + 120 + 560).doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(within3).boxed().toList())
                .allMatch(v -> Integer.bitCount(v ^ 0xBEEF) <= 3 && (v & ~0xFFFF) == 0);
        assertThat(FingerprintChunks.within(7, 0)).containsExactly(7);
        assertThat(FingerprintChunks.radius(12)).isEqualTo(3);
        assertThat(FingerprintChunks.radius(6)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void indexedLookup_matchesTheFullScan_upToTheReviewDistance(Kind kind) {
        fixture = new Fixture(Databases.open(kind, dir), dir.resolve("images"), Clock.systemUTC());
        var seed = fixture.seed();
        var repo = fixture.enrollments;
        SplittableRandom random = new SplittableRandom(42);
        List<Long> queries = new java.util.ArrayList<>();
        for (int q = 0; q < 40; q++) {
            queries.add(random.nextLong());
        }
        // Random fingerprints, and near copies of each query at every distance 0..16 (bits anywhere,
        // so that some copies differ in one chunk only and others in all four).
        List<Long> stored = new java.util.ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            stored.add(random.nextLong());
        }
        for (long q : queries) {
            for (int d = 0; d <= 16; d++) {
                stored.add(flipBits(q, d, random));
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        fixture.tx.executeWithoutResult(s -> {
            for (long h : stored) {
                long id = repo.insert(UUID.randomUUID().toString(), "c", seed.worker().userId(), seed.booth().id(),
                        seed.booth().path(), "{}", 202, "{}", now);
                repo.decide(id, EnrollmentStatus.REJECTED, "[]", null, h, null, null, now);
            }
        });
        var lookup = new StoredImageFingerprints(repo);
        int found = 0;
        for (long q : queries) {
            for (int maxDistance : new int[] {6, 12}) {
                List<FingerprintMatch> indexed = lookup.within(q, maxDistance, "none");
                List<FingerprintMatch> scanned = repo.fingerprints("none").stream()
                        .map((Fingerprint f) -> new FingerprintMatch(f.submissionId(), DifferenceHash.distance(q, f.hash())))
                        .filter(m -> m.distance() <= maxDistance).toList();
                assertThat(indexed).containsExactlyInAnyOrderElementsOf(scanned);
                assertThat(indexed).isSortedAccordingTo(Comparator.comparingInt(FingerprintMatch::distance));
                found += indexed.size();
            }
        }
        assertThat(found).as("planted near copies found").isGreaterThanOrEqualTo(40 * (7 + 13));
    }

    private static long flipBits(long h, int bits, SplittableRandom random) {
        long out = h;
        while (Long.bitCount(out ^ h) < bits) {
            out ^= 1L << random.nextInt(64);
        }
        return out;
    }
}
