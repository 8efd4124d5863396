package org.sadasya.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Challenge tickets and the enrolment's {@code challenge} object, as the worker's app makes them. */
public final class Challenges {

    private Challenges() {}

    /** One fresh ticket for the logged-in worker. */
    public static ObjectNode ticket(Api worker) {
        Api.Response r = worker.post("/api/v1/challenges", "{\"count\": 1}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return (ObjectNode) r.json().get(0);
    }

    /**
     * The {@code challenge} object: the ticket's fields copied unchanged, {@code frames} frame times
     * 250 ms apart and the steps' starts spread evenly over them.
     */
    public static String challenge(JsonNode ticket, int frames) {
        ObjectNode c = ticket.deepCopy();
        ArrayNode times = c.putArray("frameTimesMs");
        for (int i = 0; i < frames; i++) {
            times.add(250L * i);
        }
        ArrayNode starts = c.putArray("stepStartsMs");
        int steps = ticket.get("steps").size();
        for (int i = 0; i < steps; i++) {
            starts.add(Math.round(i * 250.0 * (frames - 1) / steps));
        }
        return c.toString();
    }

    /** The ticket's steps as a {@link ScriptedFaceAnalyzer} burst script: the faces follow them. */
    public static String followed(JsonNode ticket) {
        List<String> steps = new ArrayList<>();
        ticket.get("steps").forEach(s -> steps.add(s.asText()));
        return String.join(">", steps);
    }

    /** The parts of an enrolment that followed {@code ticket}: the still, {@code frames} burst frames and the data. */
    public static List<Api.Part> enrolment(byte[] photo, String burstScript, int frames, String data) {
        return Api.enrolment(photo, data, ScriptedFaceAnalyzer.burst(burstScript, frames));
    }
}
