package org.sadasya.reembed;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sadasya.audit.AuditLog;
import org.sadasya.member.JdbcMemberRepository;
import org.sadasya.member.MemberFaceIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * While the service serves with an older model than the configured one, re-embeds the stored faces
 * in the background (the same work as {@code sadasya reembed}, which may run beside it), builds the
 * new model's index as the rows arrive, and once no face lacks the new model switches to it: with
 * member issuing locked, so that no member is issued with the old model after the last check.
 */
public final class ModelSwitch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ModelSwitch.class);

    private final FaceModels models;
    private final Reembedder reembedder;
    private final FaceCoverage coverage;
    private final Optional<MemberFaceIndexes> indexes;
    private final JdbcMemberRepository members;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final FaceModelSwitchRecord switchRecord;
    private final Duration every;
    private ScheduledExecutorService thread;
    private volatile boolean running;

    public ModelSwitch(FaceModels models, Reembedder reembedder, FaceCoverage coverage,
            Optional<MemberFaceIndexes> indexes, JdbcMemberRepository members, TransactionTemplate tx, AuditLog audit,
            FaceModelSwitchRecord switchRecord, Duration every) {
        this.switchRecord = switchRecord;
        this.models = models;
        this.reembedder = reembedder;
        this.coverage = coverage;
        this.indexes = indexes;
        this.members = members;
        this.tx = tx;
        this.audit = audit;
        this.every = every;
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!models.switching()) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sadasya-reembed");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::stepQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass: re-embed what lacks the target, then switch if nothing does. Returns whether it switched. */
    public boolean step() {
        if (!models.switching()) {
            return false;
        }
        String target = models.target().version();
        Reembedder.Progress p = reembedder.run(models.target(),
                q -> log.info("re-embed: {} faces described with {} ({} given up), {} to go", q.done(), q.model(),
                        q.failed(), q.remaining()),
                () -> running);
        if (p.remaining() > 0) {
            return false;
        }
        indexes.ifPresent(i -> i.of(target).catchUp()); // the new model's index, complete before it answers
        String from = models.serving().version();
        Boolean switched = tx.execute(s -> {
            members.lockIssuing();
            if (!coverage.lacking(target).none()) {
                return false; // a member issued with the old model since the pass: next pass
            }
            models.switchToTarget();
            switchRecord.record(target, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
            audit.record("system:reembed", "FACE_MODEL_SWITCHED", "face_model", target,
                    Map.of("from", from, "gaveUp", coverage.lacking(target).failed()));
            return true;
        });
        if (Boolean.TRUE.equals(switched)) {
            log.info("face model: every stored face has a {} embedding; serving with it instead of {}", target, from);
            return true;
        }
        return false;
    }

    private void stepQuietly() {
        try {
            if (step() || !models.switching()) {
                thread.shutdown();
            }
        } catch (RuntimeException e) {
            log.warn("re-embed: pass failed, tried again in {}: {}", every, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.shutdown();
            try {
                thread.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
