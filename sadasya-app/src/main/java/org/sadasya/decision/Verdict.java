package org.sadasya.decision;

/** The decision on an enrolment. */
public enum Verdict {
    ACCEPTED, REJECTED, REVIEW;

    /** Any reject → rejected; else any review → review; else accepted. */
    public static Verdict of(Iterable<RuleResult> results) {
        Outcome worst = Outcome.PASS;
        for (RuleResult r : results) {
            if (r.outcome().compareTo(worst) > 0) {
                worst = r.outcome();
            }
        }
        return switch (worst) {
            case PASS -> ACCEPTED;
            case REVIEW -> REVIEW;
            case REJECT -> REJECTED;
        };
    }
}
