package org.sadasya.verification;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sadasya.enrollment.VerificationQueue;
import org.sadasya.verification.JobQueue.ClaimedJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The verifier threads: each claims a job from the durable queue, runs it, and on failure gives it
 * back with a back-off (after {@code maxAttempts}, the enrolment goes to review). A job whose
 * verifier stops or dies mid-way keeps its lease until it runs out and is then claimed again.
 */
public final class VerificationRunner implements SmartLifecycle, VerificationQueue.Nudge {

    private static final Logger log = LoggerFactory.getLogger(VerificationRunner.class);

    private final JobQueue jobs;
    private final VerifyEnrollment verify;
    private final Settings settings;
    private final String node = "verifier-" + UUID.randomUUID().toString().substring(0, 8);
    private final Object wakeUp = new Object();
    private volatile boolean running;
    private ExecutorService threads;

    /**
     * @param threads     verifier threads (the face engine runs one inference thread each)
     * @param lease       how long a claim holds before another verifier may take the job
     * @param poll        how often an idle verifier looks at the queue
     * @param maxAttempts tries before the enrolment goes to review
     * @param backoff     wait before a failed job is tried again
     */
    public record Settings(int threads, Duration lease, Duration poll, int maxAttempts, Duration backoff, boolean enabled) {}

    public VerificationRunner(JobQueue jobs, VerifyEnrollment verify, Settings settings) {
        this.jobs = jobs;
        this.verify = verify;
        this.settings = settings;
    }

    /** Called after intake commits, so that a new job is picked up without waiting for the poll. */
    @Override
    public void nudge() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    @Override
    public synchronized void start() {
        if (running || !settings.enabled()) {
            return;
        }
        running = true;
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, node + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < settings.threads(); i++) {
            threads.submit(this::loop);
        }
        log.info("{} started with {} thread(s)", node, settings.threads());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        nudge();
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("{}: verifier threads did not stop in time", node);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("{} stopped", node);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // stop before the web server and the data source go away
    }

    private void loop() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (!runOne()) {
                    synchronized (wakeUp) {
                        wakeUp.wait(settings.poll().toMillis());
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("{}: verifier loop error", node, e);
                sleepQuietly();
            }
        }
    }

    /** Claims and runs one job; false when the queue had none. */
    public boolean runOne() throws InterruptedException {
        var claimed = jobs.claim(node, settings.lease());
        if (claimed.isEmpty()) {
            return false;
        }
        ClaimedJob job = claimed.get();
        if (job.attempts() > settings.maxAttempts()) {
            verify.giveUp(job, "too many attempts");
            return true;
        }
        try {
            verify.process(job);
        } catch (InterruptedException e) {
            // Stopped mid-job: the claim stays until its lease runs out, then the job is tried again.
            log.info("{}: stopped while verifying job {}; it will be retried after its lease", node, job.id());
            throw e;
        } catch (RuntimeException e) {
            if (!running) {
                throw new InterruptedException("stopping");
            }
            log.warn("{}: job {} attempt {} failed: {}", node, job.id(), job.attempts(), e.toString());
            if (job.attempts() >= settings.maxAttempts()) {
                verify.giveUp(job, e.toString());
            } else {
                jobs.release(job, e.toString(), settings.backoff());
            }
        }
        return true;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(settings.poll().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
