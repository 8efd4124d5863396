package org.sadasya.decision;

/** What one rule says. Ordered from best to worst so that the worst outcome decides. */
public enum Outcome {
    PASS, REVIEW, REJECT
}
