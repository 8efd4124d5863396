package org.sadasya.verification;

/**
 * Called after a job is claimed and before it is decided. Production uses {@link #NONE}; the
 * restart test installs one that halts here, to stop the application in the middle of a job.
 */
@FunctionalInterface
public interface VerificationHook {
    VerificationHook NONE = job -> {};

    void claimed(JobQueue.ClaimedJob job) throws InterruptedException;
}
