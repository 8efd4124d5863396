package org.sadasya.enrollment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * What the worker's app shows on its home screen: the worker's own enrolments, newest first, with
 * status and reason codes with their outcomes, and today's / this week's counts. Deliberately no
 * scores, thresholds, evidence or other members' ids (DESIGN.md, "What a worker sees"): they would
 * teach an attacker where the lines are.
 */
public final class WorkerEnrollments {

    public static final int MAX_LIMIT = 100;

    private final EnrollmentRepository enrollments;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;

    public WorkerEnrollments(EnrollmentRepository enrollments, ObjectMapper json, Clock clock, ZoneId zone) {
        this.enrollments = enrollments;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
    }

    public record Reason(String code, String outcome) {}

    public record Item(String submissionId, String status, List<Reason> reasons, String memberId, String memberName,
            long boothId, OffsetDateTime receivedAt, OffsetDateTime decidedAt) {}

    /** @param today received since local midnight; @param week since Monday's midnight */
    public record Counts(long today, long week) {}

    /** @param before the cursor for the next (older) page, null at the end */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<Item> items, String before, Counts counts) {}

    public Page list(long workerId, Long beforeId, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit out of range: " + limit);
        }
        List<EnrollmentRecord> rows = enrollments.byWorker(workerId, beforeId, limit);
        List<Item> items = new ArrayList<>(rows.size());
        for (EnrollmentRecord r : rows) {
            items.add(item(r));
        }
        String next = rows.size() == limit ? Long.toString(rows.get(rows.size() - 1).id()) : null;
        return new Page(items, next, counts(workerId));
    }

    private Counts counts(long workerId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new Counts(enrollments.countByWorkerSince(workerId, today.atStartOfDay(zone).toOffsetDateTime()),
                enrollments.countByWorkerSince(workerId, monday.atStartOfDay(zone).toOffsetDateTime()));
    }

    private Item item(EnrollmentRecord r) {
        List<Reason> reasons = new ArrayList<>();
        String memberName = null;
        try {
            if (r.reasonsJson() != null) {
                for (JsonNode reason : json.readTree(r.reasonsJson())) {
                    reasons.add(new Reason(reason.path("code").asText(), reason.path("outcome").asText()));
                }
            }
            JsonNode member = json.readTree(r.dataJson()).path("member");
            memberName = member.hasNonNull("name") ? member.get("name").asText() : null;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored enrolment " + r.submissionId() + " is unreadable", e);
        }
        return new Item(r.submissionId(), r.status().name(), List.copyOf(reasons), r.memberCode(), memberName,
                r.boothId(), r.receivedAt(), r.decidedAt());
    }
}
