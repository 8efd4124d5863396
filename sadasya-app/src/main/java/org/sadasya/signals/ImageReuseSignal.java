package org.sadasya.signals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IMAGE_REUSE: enrolments whose stored IMAGE_REUSE rule did not PASS (the same or a very similar
 * photo was sent before). Read from the rule results; the photos are not hashed again.
 */
final class ImageReuseSignal implements WorkerSignal {

    private final int minEnrolments;
    private final int maxIds;

    ImageReuseSignal(SignalThresholds t) {
        this.minEnrolments = Math.max(1, t.imageReuseMinEnrolments());
        this.maxIds = t.maxEvidenceIds();
    }

    @Override
    public String code() {
        return "IMAGE_REUSE";
    }

    @Override
    public Optional<Signal> evaluate(List<WorkerEnrolment> enrolments) {
        List<String> ids = enrolments.stream()
                .filter(e -> e.outcome("IMAGE_REUSE") != null && !"PASS".equals(e.outcome("IMAGE_REUSE")))
                .map(WorkerEnrolment::submissionId).toList();
        if (ids.size() < minEnrolments) {
            return Optional.empty();
        }
        return SignalEvidence.raise(code(), ids, maxIds, Map.of("population", enrolments.size()));
    }
}
