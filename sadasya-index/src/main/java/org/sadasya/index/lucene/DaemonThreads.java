package org.sadasya.index.lucene;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The index's pools run daemon threads, numbered under one name, so that they never hold the JVM open. */
final class DaemonThreads {

    private DaemonThreads() {}

    static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
