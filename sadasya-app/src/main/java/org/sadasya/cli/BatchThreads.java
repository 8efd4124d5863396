package org.sadasya.cli;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Option;

/** The batch commands' {@code --threads}: how many photos are analysed at once. */
final class BatchThreads {
    @Option(names = "--threads", description = "Photos analysed at once (default: number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    ExecutorService pool() {
        return Executors.newFixedThreadPool(Math.max(1, threads));
    }
}
