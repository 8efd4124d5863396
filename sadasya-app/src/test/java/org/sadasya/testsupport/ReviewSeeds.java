package org.sadasya.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enrolments that the scripted face analyzer sends to REVIEW, through the API as the app sends
 * them.
 */
public final class ReviewSeeds {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private ReviewSeeds() {}

    /** What was sent, so a test can compare what it reads back. */
    public record Sent(String submissionId, byte[] photo, List<byte[]> burst) {}

    /** Member's face in doubt, burst unreadable: LIVENESS REVIEW, taken at the booth's centre. */
    public static Sent inReview(Api admin, Hierarchy h) {
        return send(admin, h, false, 23.2600);
    }

    /**
     * Live faces that followed their ticket, taken {@link #NORTH_OF_THE_BOOTH_METERS} north of the
     * booth's centre (radius 200 m, accuracy 8 m): FIELD_PRESENCE REVIEW only.
     */
    public static Sent outsideTheBooth(Api admin, Hierarchy h) {
        return send(admin, h, true, 23.2600 + NORTH_OF_THE_BOOTH_METERS / METERS_PER_DEGREE_LATITUDE);
    }

    public static final double NORTH_OF_THE_BOOTH_METERS = 300;
    /** A degree of latitude near 23° N (WGS 84 meridian arc). */
    private static final double METERS_PER_DEGREE_LATITUDE = 110_760;

    /**
     * Member's face {@code M<memberFace>} in doubt (LIVENESS REVIEW), with {@code name} as the
     * member's Latin name: the same face twice is the same person to the scripted analyzer.
     */
    public static Sent inReview(Api admin, Hierarchy h, int memberFace, String name) {
        return send(admin, h, false, 23.2600, memberFace, name);
    }

    /**
     * A live enrolment whose member's face is the scripted {@code memberScript} (e.g. {@code M5+M9}),
     * decided as {@code status}.
     */
    public static Sent withMemberFace(Api admin, Hierarchy h, String memberScript, String status) {
        return send(admin, h, true, 23.2600, -1, null, memberScript, status);
    }

    private static Sent send(Api admin, Hierarchy h, boolean live, double latitude) {
        return send(admin, h, live, latitude, -1, null);
    }

    private static Sent send(Api admin, Hierarchy h, boolean live, double latitude, int memberFace, String name) {
        return send(admin, h, live, latitude, memberFace, name, null, "REVIEW");
    }

    private static Sent send(Api admin, Hierarchy h, boolean live, double latitude, int memberFace, String name,
            String memberScript, String status) {
        int seq = SEQ.incrementAndGet();
        String id = UUID.randomUUID().toString();
        JsonNode ticket = Challenges.ticket(h.worker());
        String data = Submissions.data(id, h.boothId(), "RVW%07d".formatted(h.n() * 100 + seq % 100),
                "96%08d".formatted(h.n() * 100 + seq % 100), latitude, 77.4127, ticket.get("issuedAt").asText(),
                Challenges.challenge(ticket, 3));
        if (name != null) {
            data = data.replace("\"name\": \"Sunita Devi\"", "\"name\": " + quoted(name));
        }
        byte[] photo = memberScript != null ? ScriptedFaceAnalyzer.photo("W%d,%s".formatted(h.n(), memberScript))
                : ScriptedFaceAnalyzer.photo("W%d,M%d%s".formatted(h.n(), memberFace >= 0 ? memberFace : 1000 + seq,
                live ? "" : "?") + (memberFace >= 0 ? " ".repeat(1 + seq % 8) : "")); // one face, another photo
        byte[][] burst = ScriptedFaceAnalyzer.burst(live ? Challenges.followed(ticket) : "UNUSABLE", 3);
        Api.Response sent = h.worker().multipart("/api/v1/enrollments", Api.enrolment(photo, data, burst));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        JsonNode decided = admin.await("/api/v1/enrollments/" + id,
                j -> !List.of("RECEIVED", "PROCESSING").contains(j.get("status").asText()), Duration.ofSeconds(20)).json();
        assertThat(decided.get("status").asText()).as(decided.toString()).isEqualTo(status);
        return new Sent(id, photo, List.of(burst));
    }

    private static String quoted(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A reviewer scoped to the hierarchy's booth, logged in. */
    public static Api reviewer(Api anonymous, Api admin, Hierarchy h) {
        String username = "reviewer" + h.n();
        Hierarchy.created(admin.post("/api/v1/users", ("{\"username\": \"%s\", \"password\": \"review-pw-1\", \"name\": \"R\","
                + " \"role\": \"REVIEWER\", \"orgUnitId\": %d}").formatted(username, h.boothId())));
        return anonymous.login(username, "review-pw-1");
    }
}
