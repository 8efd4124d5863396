package org.sadasya.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sadasya.audit.AuditLog;
import org.sadasya.common.EvidenceJson;
import org.sadasya.common.LogFields;
import org.sadasya.common.Times;
import org.sadasya.decision.CaptureChallenge;
import org.sadasya.decision.DecideEnrollment;
import org.sadasya.decision.Decision;
import org.sadasya.decision.EnrollmentCase;
import org.sadasya.decision.GeoPoint;
import org.sadasya.decision.MemberRepository.MemberRef;
import org.sadasya.decision.Outcome;
import org.sadasya.decision.ReasonCode;
import org.sadasya.decision.RuleResult;
import org.sadasya.decision.Verdict;
import org.sadasya.enrollment.EnrollmentData;
import org.sadasya.enrollment.EnrollmentRecord;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.EnrollmentStatus;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.face.challenge.ChallengeStep;
import org.sadasya.member.JdbcMemberRepository;
import org.sadasya.org.OrgUnit;
import org.sadasya.org.OrgUnitRepository;
import org.sadasya.verification.JobQueue.ClaimedJob;
import org.sadasya.worker.WorkerFaceRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one claimed verification job: loads the stored enrolment, decides it with
 * {@link DecideEnrollment}, and records the decision — member, enrolment status, job completion and
 * audit entry — in one transaction that commits only while the claim still holds.
 */
public final class VerifyEnrollment {

    private static final Logger log = LoggerFactory.getLogger(VerifyEnrollment.class);

    private final EnrollmentRepository enrollments;
    private final OrgUnitRepository orgUnits;
    private final WorkerFaceRepository workerFaces;
    private final IssueMember issueMember;
    private final ImageStore images;
    private final JobQueue jobs;
    private final AuditLog audit;
    private final DecideEnrollment decide;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final ObjectMapper evidenceJson;
    private final Clock clock;
    private final VerificationHook hook;
    private final MeterRegistry meters;
    private final Timer timer;

    public VerifyEnrollment(EnrollmentRepository enrollments, OrgUnitRepository orgUnits,
            WorkerFaceRepository workerFaces, IssueMember issueMember, ImageStore images, JobQueue jobs,
            AuditLog audit, DecideEnrollment decide, TransactionTemplate tx, ObjectMapper json, Clock clock,
            VerificationHook hook, MeterRegistry meters) {
        this.enrollments = enrollments;
        this.orgUnits = orgUnits;
        this.workerFaces = workerFaces;
        this.issueMember = issueMember;
        this.images = images;
        this.jobs = jobs;
        this.audit = audit;
        this.decide = decide;
        this.tx = tx;
        this.json = json;
        this.evidenceJson = EvidenceJson.of(json);
        this.clock = clock;
        this.hook = hook;
        this.meters = meters;
        this.timer = Timer.builder("sadasya.verification.duration").description("time to decide one enrolment")
                .register(meters);
    }

    /** @return whether this call recorded the job's outcome (false: the claim was lost to another verifier) */
    public boolean process(ClaimedJob job) throws InterruptedException {
        EnrollmentRecord e = enrollments.find(job.enrollmentId())
                .orElseThrow(() -> new IllegalStateException("job " + job.id() + " has no enrolment"));
        try (MDC.MDCCloseable logged = MDC.putCloseable(LogFields.SUBMISSION_ID, e.submissionId())) {
            return process(job, e);
        }
    }

    private boolean process(ClaimedJob job, EnrollmentRecord e) throws InterruptedException {
        if (e.status() != EnrollmentStatus.RECEIVED && e.status() != EnrollmentStatus.PROCESSING) {
            return Boolean.TRUE.equals(tx.execute(s -> jobs.complete(job))); // decided earlier: nothing to redo
        }
        enrollments.markProcessing(e.id());
        hook.claimed(job);
        long started = System.nanoTime();
        EnrollmentData data = read(e.dataJson());
        EnrollmentCase c = caseOf(e, data);
        Decision decided = decide.decide(c);
        timer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        Decision[] outcome = {decided};
        Boolean recorded = tx.execute(s -> {
            if (!jobs.complete(job)) {
                s.setRollbackOnly();
                return false;
            }
            MemberRef member = null;
            if (decided.verdict() == Verdict.ACCEPTED) {
                IssueMember.Result issued = issueMember.issue(new JdbcMemberRepository.NewMember(e.id(),
                        data.member().name(), data.member().nameHi(), data.member().mobile(), data.member().epic(),
                        data.member().age(), data.member().gender(), e.boothId(), e.workerId()),
                        decided.memberEmbedding(), decided.modelVersion());
                if (issued instanceof IssueMember.Issued i) {
                    member = i.member();
                } else if (issued instanceof IssueMember.Duplicate dup) {
                    outcome[0] = DecideEnrollment.withDuplicate(decided, dup.finding());
                }
            }
            Decision d = outcome[0];
            int changed = enrollments.decide(e.id(), EnrollmentStatus.valueOf(d.verdict().name()), reasonsJson(d.reasons()),
                    member == null ? null : member.id(),
                    d.perceptualHash().isPresent() ? d.perceptualHash().getAsLong() : null, d.memberEmbedding(),
                    d.modelVersion(), d.memberFaceBox(),
                    Times.now(clock));
            if (changed != 1) {
                throw new IllegalStateException("enrolment " + e.submissionId() + " was decided concurrently");
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("verdict", d.verdict().name());
            detail.put("memberId", member == null ? null : member.memberCode());
            detail.put("reasons", d.reasons().stream().map(r -> r.code() + ":" + r.outcome()).toList());
            detail.put("attempt", job.attempts());
            audit.record("system:verifier", "ENROLLMENT_DECIDED", "enrollment", e.submissionId(), detail);
            return true;
        });
        Decision d = outcome[0];
        if (Boolean.TRUE.equals(recorded)) {
            meters.counter("sadasya.decisions", "verdict", d.verdict().name()).increment();
            // which rules send enrolments to review or reject them, for dashboards and alerts
            d.reasons().stream().filter(r -> r.outcome() != Outcome.PASS).forEach(r ->
                    meters.counter("sadasya.reasons", "code", r.code().name(), "outcome", r.outcome().name()).increment());
            log.info("enrolment {} decided {} ({})", e.submissionId(), d.verdict(),
                    d.reasons().stream().filter(r -> r.outcome() != Outcome.PASS).map(r -> r.code() + ":" + r.outcome())
                            .toList());
        } else {
            log.warn("enrolment {}: job {} claim lost before recording; another verifier owns it", e.submissionId(),
                    job.id());
        }
        return Boolean.TRUE.equals(recorded);
    }

    /** Sends an enrolment whose job keeps failing to review, so that no submission is lost silently. */
    public void giveUp(ClaimedJob job, String error) {
        EnrollmentRecord e = enrollments.find(job.enrollmentId()).orElseThrow();
        tx.executeWithoutResult(s -> {
            if (!jobs.fail(job, error)) {
                s.setRollbackOnly();
                return;
            }
            RuleResult r = RuleResult.review(ReasonCode.PIPELINE_ERROR,
                    "verification failed " + job.attempts() + " times; a person must decide", Map.of());
            enrollments.decide(e.id(), EnrollmentStatus.REVIEW, reasonsJson(List.of(r)), null, null, null, null,
                    Times.now(clock));
            audit.record("system:verifier", "ENROLLMENT_DECIDED", "enrollment", e.submissionId(),
                    Map.of("verdict", "REVIEW", "reasons", List.of("PIPELINE_ERROR:REVIEW")));
        });
        log.error("enrolment {} sent to review after {} failed attempts", e.submissionId(), job.attempts());
    }

    private EnrollmentCase caseOf(EnrollmentRecord e, EnrollmentData data) {
        var stored = enrollments.images(e.id());
        byte[] photo = stored.stream().filter(i -> i.kind().equals("PHOTO")).findFirst()
                .map(i -> images.get(i.imageKey()))
                .orElseThrow(() -> new IllegalStateException("enrolment " + e.submissionId() + " has no photo"));
        List<byte[]> burst = stored.stream().filter(i -> i.kind().equals("BURST"))
                .sorted(java.util.Comparator.comparingInt(EnrollmentRepository.StoredImage::seq))
                .map(i -> images.get(i.imageKey())).toList();
        OrgUnit booth = orgUnits.find(e.boothId()).orElseThrow();
        GeoPoint boothPoint = booth.latitude() == null || booth.longitude() == null ? null
                : new GeoPoint(booth.latitude(), booth.longitude());
        GeoPoint position = data.latitude() == null ? null : new GeoPoint(data.latitude(), data.longitude());
        return new EnrollmentCase(e.submissionId(), e.workerId(), photo, burst, workerFaces.references(e.workerId()),
                boothPoint, booth.radiusMeters() == null ? 0 : booth.radiusMeters(), position, data.accuracyMeters(),
                data.locatedInstant(), data.capturedInstant(), e.receivedAt().toInstant(), data.member().epic(), data.member().mobile(),
                challengeOf(data.challenge()), e.boothPath());
    }

    /** The stored challenge, validated at intake, as the rules see it. */
    private static CaptureChallenge challengeOf(EnrollmentData.Challenge c) {
        if (c == null) {
            return null;
        }
        return new CaptureChallenge(c.challengeId(), c.steps().stream().map(ChallengeStep::valueOf).toList(),
                Instant.parse(c.issuedAt()), Instant.parse(c.expiresAt()), c.signature(), c.frameTimesMs(),
                c.stepStartsMs());
    }

    private EnrollmentData read(String dataJson) {
        try {
            return json.readValue(dataJson, EnrollmentData.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored enrolment data is unreadable", ex);
        }
    }

    public String reasonsJson(List<RuleResult> reasons) {
        try {
            return evidenceJson.writeValueAsString(reasons.stream().map(RuleResult::stored).toList());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
