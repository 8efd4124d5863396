/**
 * Whether an enrolment is accepted, rejected or sent to review, and why: {@link
 * org.sadasya.decision.DecideEnrollment} runs one rule after another over an {@link
 * org.sadasya.decision.EnrollmentCase} and answers a {@link org.sadasya.decision.Decision} of
 * {@link org.sadasya.decision.RuleResult}s. Plain Java behind ports ({@code FaceAnalyzer},
 * {@code MemberFaceIndex}, {@code MemberRepository}, {@code ImageFingerprints},
 * {@code CaptureTimeReader}, {@code ChallengeTickets}), tested without a database or a model;
 * {@code architecture.ArchitectureTest} keeps it so.
 */
package org.sadasya.decision;
