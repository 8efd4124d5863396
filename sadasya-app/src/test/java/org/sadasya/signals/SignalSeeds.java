package org.sadasya.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ScriptedFaceAnalyzer;
import org.sadasya.testsupport.Submissions;

/**
 * Two workers of one booth, their enrolments sent through the API as the app sends them (without a
 * challenge, so LIVENESS is REVIEW at best) and decided by the verifier: one enrolling from home
 * over four days, one going door to door with a coarse GPS.
 */
final class SignalSeeds {

    private static final AtomicInteger MEMBER = new AtomicInteger(60_000);
    /** 10:00 IST on a day before the tests run. */
    static final Instant FIRST_DAY = Instant.parse("2026-11-20T04:30:00Z");
    /** The at-home worker's enrolments: 4 days × 3, 20 minutes apart. */
    static final int AT_HOME = 12;

    private SignalSeeds() {}

    /** 12 enrolments within a few metres of one house (±15 m accuracy), 3 a day on 4 days. */
    static List<String> atHome(Api admin, Hierarchy worker) {
        Walks w = new Walks(worker.n(), worker.workerId());
        return send(admin, worker, w.atHome(Walks.offset(Walks.BOOTH, 60, 30), FIRST_DAY, 4, 3, Duration.ofMinutes(20), 15));
    }

    /** 20 enrolments door to door, 15–40 m apart with ±20 m accuracy, 10 a day on 2 days. */
    static List<String> doorToDoor(Api admin, Hierarchy worker) {
        Walks w = new Walks(worker.n(), worker.workerId());
        return send(admin, worker, w.doorToDoor(FIRST_DAY, 2, 10, Duration.ofMinutes(15), 15, 40, 20));
    }

    /** Two enrolments at the booth an hour apart with one and the same photo, the second sent once the first is decided: it is IMAGE_REUSE. */
    static List<String> samePhotoTwice(Api admin, Hierarchy worker) {
        Walks w = new Walks(worker.n(), worker.workerId());
        Instant at = FIRST_DAY.plus(Duration.ofDays(5));
        byte[] photo = ScriptedFaceAnalyzer.photo("W%d,M%d".formatted(worker.n(), MEMBER.incrementAndGet()));
        // one after the other: two verifier threads deciding both at once would each miss the other
        List<String> ids = new ArrayList<>(send(admin, worker, List.of(w.at(Walks.BOOTH, 10, at)), photo));
        ids.addAll(send(admin, worker, List.of(w.at(Walks.BOOTH, 10, at.plus(Duration.ofHours(1)))), photo));
        return ids;
    }

    private static List<String> send(Api admin, Hierarchy worker, List<WorkerEnrolment> planned) {
        return send(admin, worker, planned, null);
    }

    /** {@code samePhoto} null: each enrolment its own member's photo. */
    private static List<String> send(Api admin, Hierarchy worker, List<WorkerEnrolment> planned, byte[] samePhoto) {
        List<String> ids = new ArrayList<>();
        for (WorkerEnrolment e : planned) {
            int m = MEMBER.incrementAndGet();
            String id = UUID.randomUUID().toString();
            String data = Submissions.located(id, worker.boothId(), "SIG%07d".formatted(m), "97%08d".formatted(m),
                    e.position().latitude(), e.position().longitude(), e.accuracyMeters(), e.at().toString(), null);
            byte[] photo = samePhoto != null ? samePhoto : ScriptedFaceAnalyzer.photo("W%d,M%d".formatted(worker.n(), m));
            Api.Response sent = worker.worker().multipart("/api/v1/enrollments", Api.enrolment(photo, data));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
            ids.add(id);
        }
        for (String id : ids) {
            admin.await("/api/v1/enrollments/" + id,
                    j -> !List.of("RECEIVED", "PROCESSING").contains(j.get("status").asText()), Duration.ofSeconds(30));
        }
        return ids;
    }
}
