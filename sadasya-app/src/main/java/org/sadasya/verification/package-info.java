/**
 * Runs the decision on what intake stored: the job queue and its runner, {@link
 * org.sadasya.verification.VerifyEnrollment} (one job: load, decide, record, issue the member, audit,
 * in one transaction), {@link org.sadasya.verification.IssueMember} (shared with a reviewer's
 * accept), and the adapters of the decision's ports (the face engine, stored fingerprints, EXIF).
 */
package org.sadasya.verification;
