package org.sadasya.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.sadasya.audit.AuditLog;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.enrollment.SubmitEnrollment;
import org.sadasya.member.JdbcMemberRepository;
import org.sadasya.org.OrgLevel;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.security.UserRepository;
import org.sadasya.verification.JobQueue;
import org.sadasya.worker.WorkerFaceRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The persistence layer wired by hand over one test database: no Spring context. */
public final class Fixture {

    public final Databases.Db db;
    public final JdbcClient jdbc;
    public final Clock clock;
    public final ObjectMapper json = new ObjectMapper();
    public final TransactionTemplate tx;
    public final OrgUnitRepository orgUnits;
    public final UserRepository users;
    public final EnrollmentRepository enrollments;
    public final JdbcMemberRepository members;
    public final WorkerFaceRepository workerFaces;
    public final JobQueue jobs;
    public final AuditLog audit;
    public final ImageStore images;
    public final SubmitEnrollment submit;

    public Fixture(Databases.Db db, Path imageDir, Clock clock) {
        this(db, imageDir, clock, randomImageKey());
    }

    /** With a given image key (a test that must read the images elsewhere, say after a restore). */
    public Fixture(Databases.Db db, Path imageDir, Clock clock, SecretKey imageKey) {
        this.db = db;
        this.clock = clock;
        this.jdbc = JdbcClient.create(db.dataSource());
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        this.orgUnits = new OrgUnitRepository(jdbc, clock);
        this.users = new UserRepository(jdbc, clock);
        this.enrollments = new EnrollmentRepository(jdbc);
        this.members = new JdbcMemberRepository(jdbc, clock, "MP");
        this.workerFaces = new WorkerFaceRepository(jdbc, clock);
        this.jobs = new JobQueue(jdbc, clock);
        this.audit = new AuditLog(jdbc, clock, json, tx);
        this.images = new ImageStore(imageDir, imageKey);
        this.submit = new SubmitEnrollment(orgUnits, enrollments, images, jobs, audit, tx, json, clock,
                new SubmitEnrollment.Limits(10_000_000, 5), new SimpleMeterRegistry());
    }

    private static SecretKey randomImageKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }

    /** A state with one booth below it, and a worker scoped to the booth. */
    public Seed seed() {
        return tx.execute(s -> {
            OrgUnit state = orgUnits.insert(null, OrgLevel.STATE, "MP", "Madhya Pradesh", "मध्य प्रदेश", null, null, null);
            OrgUnit booth = orgUnits.insert(state, OrgLevel.BOOTH, "MP-B1", "Booth 1", "बूथ 1", 23.26, 77.4127, 200.0);
            long workerId = users.insert("9812300000", "x", Role.WORKER, "Worker", "9812300000", booth.id());
            return new Seed(state, booth, new Actor(workerId, "9812300000", Role.WORKER, booth.id(), booth.path()));
        });
    }

    public record Seed(OrgUnit state, OrgUnit booth, Actor worker) {}
}
