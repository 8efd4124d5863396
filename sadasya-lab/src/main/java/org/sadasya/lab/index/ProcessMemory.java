package org.sadasya.lab.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process from {@code /proc/self/status} (Linux). VmHWM is the peak
 * resident set: heap, native memory and the pages of memory-mapped files (Lucene's index files)
 * that the process has touched. Writing {@code 5} to {@code /proc/self/clear_refs} resets the peak
 * to the current resident size, so one phase (the searches) can be measured after another (the
 * build).
 */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** Peak resident set in MiB, or −1 where /proc is not available. */
    public static long peakResidentMiB() {
        return statusKiB("VmHWM:") / 1024;
    }

    /** Current resident set in MiB, or −1. */
    public static long residentMiB() {
        return statusKiB("VmRSS:") / 1024;
    }

    /** Current anonymous resident memory (heap, native) in MiB, or −1. */
    public static long residentAnonymousMiB() {
        return statusKiB("RssAnon:") / 1024;
    }

    /** Current resident pages of mapped files (index files; clean, reclaimable under pressure) in MiB, or −1. */
    public static long residentFileMiB() {
        return statusKiB("RssFile:") / 1024;
    }

    /** Resets the peak to the current resident size; false where the kernel does not allow it. */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static long statusKiB(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1024;
        }
        return -1024;
    }
}
