package org.sadasya.signals;

import java.util.List;
import java.util.Optional;

/** One kind of signal, judged over all of one worker's enrolments (sorted by capture time). */
public interface WorkerSignal {

    String code();

    Optional<Signal> evaluate(List<WorkerEnrolment> enrolments);
}
