package org.sadasya.enrollment;

import java.time.OffsetDateTime;

/** One stored submission as the database holds it. */
public record EnrollmentRecord(
        long id,
        String submissionId,
        String contentSha256,
        long workerId,
        long boothId,
        String boothPath,
        String dataJson,
        EnrollmentStatus status,
        String reasonsJson,
        String memberCode,
        int responseStatus,
        String responseBody,
        OffsetDateTime receivedAt,
        OffsetDateTime decidedAt,
        String reviewNote) {}
