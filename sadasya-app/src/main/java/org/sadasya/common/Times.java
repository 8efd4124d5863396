package org.sadasya.common;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Database time values: every timestamp is stored as UTC {@code TIMESTAMP WITH TIME ZONE}. */
public final class Times {
    private Times() {}

    public static OffsetDateTime now(Clock clock) {
        return at(clock.instant());
    }

    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
