package org.sadasya.enrollment;

/**
 * Where intake leaves an accepted enrolment for verification: in the intake's own transaction, so
 * that a 202 always has its job (implemented by the verification's job queue).
 */
public interface VerificationQueue {

    void enqueue(long enrollmentId);

    /** Tells the verifiers that new work is waiting, after the intake's transaction committed. */
    interface Nudge {
        void nudge();
    }
}
