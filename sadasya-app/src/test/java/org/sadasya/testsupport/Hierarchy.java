package org.sadasya.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Sets up, through the API, what an enrolment test needs: a state, a district, a booth in it and a
 * worker scoped to the booth with a scripted reference face ({@code W<n>}).
 *
 * @param n        makes codes, the worker's mobile and its face unique within one server
 * @param boothId  the booth
 * @param workerId the worker's user id
 * @param worker   a client logged in as the worker
 */
public record Hierarchy(int n, long boothId, long workerId, Api worker) {

    public static Hierarchy create(Api anonymous, Api admin, int n) {
        long state = created(admin.post("/api/v1/org-units",
                "{\"parentId\": null, \"level\": \"STATE\", \"code\": \"S%d\", \"name\": \"State %d\"}".formatted(n, n)));
        long district = created(admin.post("/api/v1/org-units",
                "{\"parentId\": %d, \"level\": \"DISTRICT\", \"code\": \"S%d-D\", \"name\": \"District\"}".formatted(state, n)));
        long boothId = created(admin.post("/api/v1/org-units", ("{\"parentId\": %d, \"level\": \"BOOTH\", \"code\": \"S%d-B1\","
                + " \"name\": \"Booth 1\", \"latitude\": 23.26, \"longitude\": 77.4127, \"radiusMeters\": 200}")
                .formatted(district, n)));
        return worker(anonymous, admin, n, boothId, "Worker");
    }

    /**
     * A second worker on this hierarchy's booth, named {@code name}, with the scripted reference face
     * {@code W<n>} ({@code n} unique within the server, as for {@link #create}).
     */
    public Hierarchy anotherWorker(Api anonymous, Api admin, int n, String name) {
        return worker(anonymous, admin, n, boothId, name);
    }

    private static Hierarchy worker(Api anonymous, Api admin, int n, long boothId, String name) {
        String mobile = "98%08d".formatted(n);
        long workerId = created(admin.post("/api/v1/workers",
                "{\"name\": \"%s\", \"mobile\": \"%s\", \"password\": \"worker-pw-1\", \"orgUnitId\": %d}"
                        .formatted(name, mobile, boothId)));
        Api.Response ref = admin.multipart("/api/v1/workers/" + workerId + "/reference-face",
                List.of(Api.Part.file("photo", "ref.jpg", ScriptedFaceAnalyzer.photo("W" + n))));
        assertThat(ref.status()).as(ref.toString()).isEqualTo(201);
        return new Hierarchy(n, boothId, workerId, anonymous.login(mobile, "worker-pw-1"));
    }

    public static long created(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.id();
    }
}
