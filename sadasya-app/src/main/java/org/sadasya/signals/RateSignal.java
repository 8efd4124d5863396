package org.sadasya.signals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A signal that is a share: among the worker's enrolments that can show it (the population), the
 * share that does. Raised when the population has at least {@code minEnrolments} and the share
 * reaches the threshold: three rejections out of four say little, thirty out of a hundred a lot.
 */
abstract class RateSignal implements WorkerSignal {

    private final double threshold;
    private final int minEnrolments;
    private final int minHits;
    private final int maxIds;

    RateSignal(double threshold, int minEnrolments, int maxIds) {
        this(threshold, minEnrolments, 1, maxIds);
    }

    /** {@code minHits}: also at least this many enrolments must show it. */
    RateSignal(double threshold, int minEnrolments, int minHits, int maxIds) {
        this.threshold = threshold;
        this.minEnrolments = minEnrolments;
        this.minHits = Math.max(1, minHits);
        this.maxIds = maxIds;
    }

    abstract boolean counts(WorkerEnrolment e);

    abstract boolean shows(WorkerEnrolment e);

    @Override
    public Optional<Signal> evaluate(List<WorkerEnrolment> enrolments) {
        List<WorkerEnrolment> population = enrolments.stream().filter(this::counts).toList();
        List<String> hits = population.stream().filter(this::shows).map(WorkerEnrolment::submissionId).toList();
        if (population.size() < minEnrolments || hits.size() < minHits) {
            return Optional.empty();
        }
        double share = hits.size() / (double) population.size();
        if (share < threshold) {
            return Optional.empty();
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("population", population.size());
        figures.put("ratePercent", SignalEvidence.percent(share));
        figures.put("thresholdPercent", SignalEvidence.percent(threshold));
        return SignalEvidence.raise(code(), hits, maxIds, figures);
    }
}
