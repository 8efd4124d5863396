package org.sadasya.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.org.OrgLevel;
import org.sadasya.org.OrgUnit;
import org.sadasya.security.Role;
import org.sadasya.signals.ComputeWorkerSignals;
import org.sadasya.signals.SignalEnrolments;
import org.sadasya.signals.SignalThresholds;
import org.sadasya.signals.WorkerEnrolment;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Fixture;

/**
 * The worker signals of one generated district, as {@code GET /api/v1/workers/signals} computes
 * them: the SQL read of the district's enrolments ({@link SignalEnrolments}) and the signals over
 * them ({@link ComputeWorkerSignals}), one JSON line per database. The district has
 * {@code bench.booths} booths (250) with one worker each enrolling {@code bench.perWorker} (200)
 * members door to door, 15–40 m apart along streets 40 m apart with ±5–25 m accuracy,
 * 20 a day over 10 days; one worker in 20 enrols
 * from home instead. A second district of a tenth the size is in the table and must not be read.
 * Each enrolment carries a data part and rule results of the size the service stores. Not part of
 * {@code mvn verify}; run with
 * {@code mvn -pl sadasya-app -am test -Dtest=SignalsBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SignalsBenchmark {

    static final int BOOTHS = Integer.getInteger("bench.booths", 250);
    static final int PER_WORKER = Integer.getInteger("bench.perWorker", 200);
    static final int RUNS = Integer.getInteger("bench.runs", 5);
    static final Instant FIRST_DAY = Instant.parse("2026-11-01T04:30:00Z");
    static final double METERS_PER_DEGREE = 110_760;

    /** The nine rule results of a decided enrolment, as VerifyEnrollment stores them. */
    static final String REASONS = "[{\"code\":\"FACE_COUNT\",\"outcome\":\"PASS\",\"detail\":\"two clear faces\","
            + "\"evidence\":{\"faces\":2,\"ignoredFaces\":0}},{\"code\":\"WORKER_MATCH\",\"outcome\":\"PASS\",\"detail\":"
            + "\"the worker is in the photo\",\"evidence\":{\"similarity\":0.71,\"threshold\":0.42}},{\"code\":"
            + "\"MEMBER_IS_NOT_WORKER\",\"outcome\":\"PASS\",\"detail\":\"the member is another person\",\"evidence\":"
            + "{\"similarity\":0.05,\"threshold\":0.42}},{\"code\":\"LIVENESS\",\"outcome\":\"%s\",\"detail\":\"both faces"
            + " live\",\"evidence\":{\"maxSpoofScore\":0.12,\"imageSpoofScore\":0.08,\"burstFrames\":10}},{\"code\":"
            + "\"DUPLICATE_FACE\",\"outcome\":\"PASS\",\"detail\":\"no enrolled member looks alike\",\"evidence\":"
            + "{\"similarity\":0.21,\"threshold\":0.42}},{\"code\":\"DETAILS\",\"outcome\":\"PASS\",\"detail\":\"EPIC and"
            + " mobile are new\",\"evidence\":{}},{\"code\":\"FIELD_PRESENCE\",\"outcome\":\"PASS\",\"detail\":\"taken at"
            + " the booth\",\"evidence\":{\"distanceMeters\":54,\"radiusMeters\":200,\"accuracyMeters\":12.0}},{\"code\":"
            + "\"IMAGE_REUSE\",\"outcome\":\"%s\",\"detail\":\"the photo is new\",\"evidence\":{}},{\"code\":"
            + "\"CAPTURE_TIME\",\"outcome\":\"PASS\",\"detail\":\"EXIF time agrees with the claimed time\",\"evidence\":"
            + "{\"exif\":true,\"gapSeconds\":3}}]";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void district(Kind kind) throws Exception {
        try (Databases.Db db = Databases.open(kind, dir)) {
            Fixture fixture = new Fixture(db, dir.resolve("images"), Clock.systemUTC());
            OrgUnit state = fixture.orgUnits.insert(null, OrgLevel.STATE, "ST", "State", null, null, null, null);
            OrgUnit district = fixture.orgUnits.insert(state, OrgLevel.DISTRICT, "D1", "District 1", null, null, null, null);
            OrgUnit other = fixture.orgUnits.insert(state, OrgLevel.DISTRICT, "D2", "District 2", null, null, null, null);
            SplittableRandom random = new SplittableRandom(13);
            int rows = generate(fixture, district, "D1", BOOTHS, random);
            int otherRows = generate(fixture, other, "D2", Math.max(1, BOOTHS / 10), random);
            if (kind == Kind.POSTGRESQL) {
                fixture.jdbc.sql("ANALYZE").update();
            }
            SignalEnrolments reader = new SignalEnrolments(fixture.jdbc, new ObjectMapper());
            ComputeWorkerSignals compute = new ComputeWorkerSignals(SignalThresholds.defaults(), ZoneId.of("Asia/Kolkata"));
            compute.compute(reader.below(district.path())); // warm-up
            double[] readMs = new double[RUNS];
            double[] computeMs = new double[RUNS];
            int read = 0;
            int flagged = 0;
            for (int i = 0; i < RUNS; i++) {
                long t0 = System.nanoTime();
                List<WorkerEnrolment> es = reader.below(district.path());
                long t1 = System.nanoTime();
                List<ComputeWorkerSignals.WorkerResult> ranked = compute.compute(es);
                long t2 = System.nanoTime();
                readMs[i] = (t1 - t0) / 1e6;
                computeMs[i] = (t2 - t1) / 1e6;
                read = es.size();
                flagged = (int) ranked.stream().filter(r -> r.signals().stream().anyMatch(s -> s.code().equals("SAME_SPOT"))).count();
            }
            Arrays.sort(readMs);
            Arrays.sort(computeMs);
            System.out.println(String.format(Locale.ROOT,
                    "{\"bench\":\"worker-signals\",\"database\":\"%s\",\"districtEnrolments\":%d,\"otherEnrolments\":%d,"
                            + "\"read\":%d,\"workers\":%d,\"sameSpotWorkers\":%d,\"runs\":%d,"
                            + "\"readMedianMs\":%.0f,\"readMaxMs\":%.0f,\"computeMedianMs\":%.0f,\"computeMaxMs\":%.0f}",
                    kind, rows, otherRows, read, BOOTHS, flagged, RUNS, readMs[RUNS / 2], readMs[RUNS - 1],
                    computeMs[RUNS / 2], computeMs[RUNS - 1]));
        }
    }

    /** Booths below {@code parent}, a worker each, their enrolments; returns the number of enrolments. */
    static int generate(Fixture fixture, OrgUnit parent, String code, int booths, SplittableRandom random) throws Exception {
        List<OrgUnit> units = new ArrayList<>();
        List<Long> workers = new ArrayList<>();
        for (int b = 0; b < booths; b++) {
            double lat = 23.0 + random.nextDouble() * 0.5;
            double lon = 77.0 + random.nextDouble() * 0.5;
            OrgUnit booth = fixture.orgUnits.insert(parent, OrgLevel.BOOTH, code + "-B" + b, "Booth " + b, null, lat, lon, 200.0);
            units.add(booth);
            workers.add(fixture.users.insert(code + "-w" + b, "x", Role.WORKER, "Worker " + b, null, booth.id()));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int n = 0;
        try (Connection c = fixture.db.dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO enrollment (submission_id, content_sha256, worker_id, booth_id, booth_path, data_json,"
                        + " status, reasons_json, response_status, response_body, received_at)"
                        + " VALUES (?, 'c', ?, ?, ?, ?, ?, ?, 202, '{}', ?)")) {
            c.setAutoCommit(false);
            for (int b = 0; b < booths; b++) {
                OrgUnit booth = units.get(b);
                boolean atHome = b % 20 == 7;
                // door to door: along streets 40 m apart, up one and down the next, each house once
                double north = -300;
                double east = -180;
                double direction = 1;
                for (int i = 0; i < PER_WORKER; i++) {
                    if (!atHome) {
                        east += direction * (15 + random.nextDouble() * 25);
                        if (Math.abs(east) > 180) {
                            direction = -direction;
                            east = Math.signum(east) * 180;
                            north += 40;
                        }
                    }
                    double accuracy = 5 + random.nextDouble() * 20;
                    double lat = booth.latitude() + (north + (random.nextDouble() - 0.5) * accuracy) / METERS_PER_DEGREE;
                    double lon = booth.longitude() + (east + (random.nextDouble() - 0.5) * accuracy) / METERS_PER_DEGREE;
                    Instant at = FIRST_DAY.plus(Duration.ofDays(i / 20)).plus(Duration.ofMinutes(15L * (i % 20)));
                    String sid = UUID.randomUUID().toString();
                    boolean rejected = random.nextDouble() < 0.05;
                    insert.setString(1, sid);
                    insert.setLong(2, workers.get(b));
                    insert.setLong(3, booth.id());
                    insert.setString(4, booth.path());
                    insert.setString(5, data(sid, booth.id(), lat, lon, accuracy, at, 6_000_000_000L + n));
                    insert.setString(6, rejected ? "REJECTED" : "ACCEPTED");
                    insert.setString(7, REASONS.formatted(rejected ? "REJECT" : "PASS", "PASS"));
                    insert.setObject(8, now);
                    insert.addBatch();
                    if (++n % 5000 == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
            insert.executeBatch();
            c.commit();
        }
        return n;
    }

    /** An enrolment's data part as the app sends it, challenge included. */
    static String data(String sid, long boothId, double lat, double lon, double accuracy, Instant at, long mobile) {
        return String.format(Locale.ROOT, "{\"submissionId\":\"%s\",\"boothId\":%d,\"member\":{\"name\":\"Sunita Devi\","
                + "\"nameHi\":\"सुनीता देवी\",\"mobile\":\"%d\",\"epic\":\"ABC%07d\",\"age\":34,\"gender\":\"F\"},"
                + "\"latitude\":%.7f,\"longitude\":%.7f,\"accuracyMeters\":%.1f,\"capturedAt\":\"%s\",\"consent\":true,"
                + "\"challenge\":{\"challengeId\":\"%s\",\"steps\":[\"TURN_LEFT\",\"TURN_RIGHT\",\"FACE_CAMERA\"],"
                + "\"issuedAt\":\"%s\",\"expiresAt\":\"%s\",\"signature\":\"0123456789abcdefghijklmnopqrstuvwxyzABCDEFG\","
                + "\"frameTimesMs\":[0,280,560,840,1120,1400,1680,1960,2240,2520],\"stepStartsMs\":[0,900,1800]}}",
                sid, boothId, mobile, mobile % 10_000_000, lat, lon, accuracy, at, UUID.randomUUID(), at, at.plus(Duration.ofDays(3)));
    }
}
