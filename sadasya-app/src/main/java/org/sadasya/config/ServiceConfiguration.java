package org.sadasya.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.sadasya.audit.AuditLog;
import org.sadasya.challenge.ChallengeStepSource;
import org.sadasya.challenge.IssueChallenges;
import org.sadasya.challenge.LivenessCoolDown;
import org.sadasya.challenge.RandomChallengeSteps;
import org.sadasya.challenge.RedeemTicket;
import org.sadasya.challenge.TicketPurge;
import org.sadasya.challenge.TicketRepository;
import org.sadasya.challenge.TicketSignature;
import org.sadasya.common.SecretKeyFile;
import org.sadasya.decision.CaptureTimeReader;
import org.sadasya.decision.ChallengeTickets;
import org.sadasya.decision.DecideEnrollment;
import org.sadasya.decision.FaceAnalyzer;
import org.sadasya.decision.ImageFingerprints;
import org.sadasya.decision.MemberFaceIndex;
import org.sadasya.decision.VerificationPolicy;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.ImageKeys;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.enrollment.SubmitEnrollment;
import org.sadasya.enrollment.WorkerEnrollments;
import org.sadasya.member.ExactMemberFaceIndex;
import org.sadasya.member.JdbcMemberRepository;
import org.sadasya.member.MemberFaceIndexes;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.reembed.FaceCoverage;
import org.sadasya.reembed.FaceModelSwitchRecord;
import org.sadasya.reembed.FaceModels;
import org.sadasya.reembed.ModelSwitch;
import org.sadasya.reembed.Reembedder;
import org.sadasya.security.TokenService;
import org.sadasya.security.UserRepository;
import org.sadasya.signals.ComputeWorkerSignals;
import org.sadasya.verification.ExifCaptureTimeReader;
import org.sadasya.verification.FaceEngineAnalyzer;
import org.sadasya.verification.IssueMember;
import org.sadasya.verification.JobQueue;
import org.sadasya.verification.StoredImageFingerprints;
import org.sadasya.verification.VerificationHook;
import org.sadasya.verification.VerificationRunner;
import org.sadasya.verification.VerifyEnrollment;
import org.sadasya.worker.People;
import org.sadasya.worker.WorkerFaceRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the domain and its adapters. The domain classes carry no Spring annotations, so they stay
 * usable from plain tests and a plain {@code main}; every port has one adapter bean here, and a
 * test (or the lead's HNSW index) replaces one by declaring its own bean of the port's type.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager tm) {
        return new TransactionTemplate(tm);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    AuditLog auditLog(JdbcClient jdbc, Clock clock, ObjectMapper json, TransactionTemplate tx) {
        return new AuditLog(jdbc, clock, json, tx);
    }

    @Bean
    OrgUnitRepository orgUnitRepository(JdbcClient jdbc, Clock clock) {
        return new OrgUnitRepository(jdbc, clock);
    }

    @Bean
    UserRepository userRepository(JdbcClient jdbc, Clock clock) {
        return new UserRepository(jdbc, clock);
    }

    @Bean
    TokenService tokenService(JdbcClient jdbc, UserRepository users, PasswordEncoder passwords, Clock clock,
            SadasyaProperties props) {
        return new TokenService(jdbc, users, passwords, clock, props.tokenTtl());
    }

    @Bean
    EnrollmentRepository enrollmentRepository(JdbcClient jdbc) {
        return new EnrollmentRepository(jdbc);
    }

    @Bean
    WorkerEnrollments workerEnrollments(EnrollmentRepository enrollments, ObjectMapper json, Clock clock,
            SadasyaProperties props) {
        return new WorkerEnrollments(enrollments, json, clock, props.driveZone());
    }

    @Bean
    JdbcMemberRepository memberRepository(JdbcClient jdbc, Clock clock, SadasyaProperties props) {
        return new JdbcMemberRepository(jdbc, clock, props.memberPrefix());
    }

    @Bean
    WorkerFaceRepository workerFaceRepository(JdbcClient jdbc, Clock clock) {
        return new WorkerFaceRepository(jdbc, clock);
    }

    @Bean
    People people(JdbcClient jdbc) {
        return new People(jdbc);
    }

    @Bean
    JobQueue jobQueue(JdbcClient jdbc, Clock clock) {
        return new JobQueue(jdbc, clock);
    }

    @Bean
    ImageStore imageStore(SadasyaProperties props, DataSource dataSource,
            @Value("${sadasya.image-previous-keys:}") String previousKeys) throws java.sql.SQLException {
        // Intake stores images through this bean, so no enrolment is answered before H2 is made durable.
        var key = ImageKeys.resolve(props.imageKey(), embedded(dataSource), props.dataDir().resolve("image.key"));
        return new ImageStore(props.dataDir().resolve("images"), key, ImageKeys.previous(previousKeys));
    }

    /** Only the embedded H2 default may generate its own keys; a PostgreSQL service must be given them. */
    private static boolean embedded(DataSource dataSource) throws java.sql.SQLException {
        return H2Durability.apply(dataSource);
    }

    /** {@code sadasya.challenge-key}, or for the embedded default {@code <data-dir>/challenge.key}. */
    @Bean
    TicketSignature ticketSignature(SadasyaProperties props, DataSource dataSource,
            @Value("${sadasya.challenge-previous-keys:}") String previousKeys) throws java.sql.SQLException {
        var keys = new SecretKeyFile("sadasya.challenge-key", "SADASYA_CHALLENGE_KEY", "HmacSHA256",
                "challenge ticket signing");
        return new TicketSignature(keys.resolve(props.challengeKey(), embedded(dataSource),
                props.dataDir().resolve("challenge.key")), keys.previous(previousKeys, "sadasya.challenge-previous-keys"));
    }

    /** The server's random steps (a test declares a {@code @Primary} source to know them). */
    @Bean
    ChallengeStepSource challengeStepSource(SadasyaProperties props) {
        return new RandomChallengeSteps(props.challenge().steps());
    }

    @Bean
    TicketRepository ticketRepository(JdbcClient jdbc) {
        return new TicketRepository(jdbc);
    }

    @Bean
    IssueChallenges issueChallenges(TicketRepository tickets, TicketSignature signature, ChallengeStepSource steps,
            TransactionTemplate tx, Clock clock, SadasyaProperties props, JdbcClient jdbc, ObjectMapper json) {
        return new IssueChallenges(tickets, signature, steps, tx, clock, props.challenge().lifetime(),
                props.challenge().maxCount(), new LivenessCoolDown(jdbc, json, props.challenge().coolDownFailures(),
                        props.challenge().coolDownWindow()));
    }

    @Bean
    SubmitEnrollment submitEnrollment(OrgUnitRepository orgUnits, EnrollmentRepository enrollments, ImageStore images,
            JobQueue jobs, AuditLog audit, TransactionTemplate tx, ObjectMapper json, Clock clock,
            SadasyaProperties props, MeterRegistry meters) {
        return new SubmitEnrollment(orgUnits, enrollments, images, jobs, audit, tx, json, clock,
                new SubmitEnrollment.Limits(props.intake().maxPhotoBytes(), props.intake().maxBurstFrames()), meters);
    }

    /** {@code sadasya.face-embedding}, and the model served with until every stored face has it. */
    @Bean
    @DependsOnDatabaseInitialization
    FaceModels faceModels(JdbcClient jdbc, SadasyaProperties props) {
        return FaceModels.choose(props.faceEmbedding(), new FaceCoverage(jdbc),
                new FaceModelSwitchRecord(jdbc).switchedTo());
    }

    /** The real face engine (tests that are not about faces declare a {@code @Primary} test double). */
    @Bean(destroyMethod = "close")
    FaceEngineAnalyzer faceAnalyzer(FaceModels models) {
        return new FaceEngineAnalyzer(models);
    }

    @Bean
    Reembedder reembedder(JdbcClient jdbc, TransactionTemplate tx, EnrollmentRepository enrollments,
            JdbcMemberRepository members, ImageStore images, Clock clock, FaceEngineAnalyzer engines) {
        return new Reembedder(jdbc, tx, enrollments, members, images, clock, engines::engine);
    }

    @Bean
    ModelSwitch modelSwitch(FaceModels models, Reembedder reembedder, JdbcClient jdbc, MemberFaceIndex index,
            JdbcMemberRepository members, TransactionTemplate tx, AuditLog audit) {
        return new ModelSwitch(models, reembedder, new FaceCoverage(jdbc),
                index instanceof MemberFaceIndexes i ? Optional.of(i) : Optional.empty(), members, tx, audit,
                new FaceModelSwitchRecord(jdbc), Duration.ofSeconds(10));
    }

    /**
     * {@code sadasya.face-index}: {@code hnsw} (default) — the Lucene HNSW replica in
     * {@code <data-dir>/index}, caught up (or built) from the database in the background after start
     * (readiness is out of service until then; a search waits for it) and before each search;
     * {@code exact} — a scan of every stored member face. Closed (committed) with the context.
     * {@code sadasya.face-index-format}: int8 (default) or int4 (half the memory, for millions of members).
     */
    @Bean
    @ConditionalOnMissingBean(MemberFaceIndex.class)
    @DependsOnDatabaseInitialization
    MemberFaceIndex memberFaceIndex(JdbcClient jdbc, SadasyaProperties props, FaceModels models) {
        return switch (props.faceIndex()) {
            case EXACT -> new ExactMemberFaceIndex(jdbc);
            case HNSW -> MemberFaceIndexes.openInBackground(jdbc, props.dataDir().resolve("index"), props.hnswOptions(),
                    new LinkedHashSet<>(List.of(models.serving().version(), models.target().version())),
                    task -> {
                        Thread opener = new Thread(task, "face-index-open");
                        opener.setDaemon(true);
                        opener.start();
                    });
        };
    }

    @Bean
    ImageFingerprints imageFingerprints(EnrollmentRepository enrollments) {
        return new StoredImageFingerprints(enrollments);
    }

    @Bean
    CaptureTimeReader captureTimeReader() {
        return new ExifCaptureTimeReader();
    }

    /** The rules' thresholds, for the checks outside the pipeline (a worker's reference face). */
    @Bean
    VerificationPolicy verificationPolicy(SadasyaProperties props) {
        return props.policy();
    }

    @Bean
    ComputeWorkerSignals computeWorkerSignals(SadasyaProperties props) {
        return new ComputeWorkerSignals(props.signals(), props.driveZone());
    }

    /** Hourly (sadasya.challenge.purge-every): tickets leave once their grace and the keep after it are over. */
    @Bean
    TicketPurge ticketPurge(TicketRepository tickets, Clock clock, SadasyaProperties props) {
        return new TicketPurge(tickets, clock,
                props.challenge().grace().plus(props.challenge().keepAfterGrace()));
    }

    @Bean
    ChallengeTickets challengeTickets(TicketSignature signature, TicketRepository tickets, SadasyaProperties props) {
        return new RedeemTicket(signature, tickets, props.challenge().grace());
    }

    @Bean
    DecideEnrollment decideEnrollment(FaceAnalyzer analyzer, MemberFaceIndex index, JdbcMemberRepository members,
            ImageFingerprints fingerprints, CaptureTimeReader captureTimes, ChallengeTickets tickets, Clock clock,
            SadasyaProperties props) {
        return new DecideEnrollment(analyzer, index, members, fingerprints, captureTimes, tickets, clock,
                props.policy());
    }

    @Bean
    IssueMember issueMember(JdbcMemberRepository members, DecideEnrollment decide, FaceModels models,
            Reembedder reembedder, JdbcClient jdbc) {
        return new IssueMember(members, decide, models, new FaceModelSwitchRecord(jdbc), reembedder::memberFace);
    }

    @Bean
    VerifyEnrollment verifyEnrollment(EnrollmentRepository enrollments, OrgUnitRepository orgUnits,
            WorkerFaceRepository workerFaces, IssueMember issueMember, ImageStore images, JobQueue jobs,
            AuditLog audit, DecideEnrollment decide, TransactionTemplate tx, ObjectMapper json, Clock clock,
            ObjectProvider<VerificationHook> hook, MeterRegistry meters) {
        return new VerifyEnrollment(enrollments, orgUnits, workerFaces, issueMember, images, jobs, audit, decide, tx, json,
                clock, hook.getIfAvailable(() -> VerificationHook.NONE), meters);
    }

    @Bean
    VerificationRunner verificationRunner(JobQueue jobs, VerifyEnrollment verify, SadasyaProperties props) {
        var v = props.verifier();
        return new VerificationRunner(jobs, verify, new VerificationRunner.Settings(v.threads(), v.lease(), v.poll(),
                v.maxAttempts(), v.backoff(), v.enabled()));
    }
}
