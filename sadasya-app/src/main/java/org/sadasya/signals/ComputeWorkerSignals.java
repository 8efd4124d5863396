package org.sadasya.signals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every signal over every worker's enrolments, the workers ranked: most kinds of signal first, then
 * the most enrolments behind their signals (the sum of each signal's {@code count}), then the most
 * enrolments, then the worker id. A worker with one strong signal over hundreds of enrolments thus
 * ranks under one with three signals, which is what a district wants to look at first.
 */
public final class ComputeWorkerSignals {

    /** One worker's counts and raised signals. */
    public record WorkerResult(long workerId, int enrolments, int accepted, int rejected, int review,
            List<Signal> signals) {

        /** The sum of the enrolments behind each raised signal (an enrolment may be behind several). */
        public int flagged() {
            return signals.stream().mapToInt(s -> ((Number) s.evidence().get("count")).intValue()).sum();
        }
    }

    public static final Comparator<WorkerResult> RANKING = Comparator
            .comparingInt((WorkerResult r) -> r.signals().size()).reversed()
            .thenComparing(Comparator.comparingInt(WorkerResult::flagged).reversed())
            .thenComparing(Comparator.comparingInt(WorkerResult::enrolments).reversed())
            .thenComparingLong(WorkerResult::workerId);

    private static final Comparator<WorkerEnrolment> BY_TIME = Comparator
            .comparing(WorkerEnrolment::at, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(WorkerEnrolment::submissionId);

    private final List<WorkerSignal> signals;

    public ComputeWorkerSignals(SignalThresholds t, ZoneId driveZone) {
        this.signals = List.of(new SameSpotSignal(t), new OutsideBoothSignal(t), new VelocitySignal(t),
                new ImageReuseSignal(t), new RejectionRateSignal(t), new LivenessFailureSignal(t),
                new RepeatedMobileSignal(t), new NightSignal(t, driveZone));
    }

    /** The workers of {@code enrolments}, ranked. */
    public List<WorkerResult> compute(List<WorkerEnrolment> enrolments) {
        Map<Long, List<WorkerEnrolment>> byWorker = new TreeMap<>();
        for (WorkerEnrolment e : enrolments) {
            byWorker.computeIfAbsent(e.workerId(), k -> new ArrayList<>()).add(e);
        }
        List<WorkerResult> out = new ArrayList<>();
        byWorker.forEach((worker, own) -> out.add(evaluate(worker, own)));
        out.sort(RANKING);
        return out;
    }

    /** One worker's result over their enrolments (any order). */
    public WorkerResult evaluate(long workerId, List<WorkerEnrolment> own) {
        List<WorkerEnrolment> sorted = new ArrayList<>(own);
        sorted.sort(BY_TIME);
        List<Signal> raised = new ArrayList<>();
        for (WorkerSignal s : signals) {
            s.evaluate(sorted).ifPresent(raised::add);
        }
        return new WorkerResult(workerId, sorted.size(), count(sorted, "ACCEPTED"), count(sorted, "REJECTED"),
                count(sorted, "REVIEW"), List.copyOf(raised));
    }

    private static int count(List<WorkerEnrolment> es, String status) {
        return (int) es.stream().filter(e -> status.equals(e.status())).count();
    }
}
