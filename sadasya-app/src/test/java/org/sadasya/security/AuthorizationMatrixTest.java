package org.sadasya.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.sadasya.testsupport.Api;
import org.sadasya.testsupport.AppServerTest;
import org.sadasya.testsupport.Hierarchy;
import org.sadasya.testsupport.ReviewSeeds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the service against every kind of caller: workers of booths A and B, reviewers
 * of districts X (holding A) and Y (holding B), an admin, no token, an expired and a revoked token.
 * The rules are written here as policy, one per endpoint, and the test fails on an endpoint that has
 * none, so a new endpoint cannot go unclassified. "Allowed" means neither 401 nor 403 nor, for a
 * resource in scope, 404; "refused" means 401, 403 or 404 (a resource out of scope is answered as
 * if it did not exist). The resource of a scoped endpoint is always in booth A / district X.
 */
class AuthorizationMatrixTest extends AppServerTest {

    enum Caller { NO_TOKEN, EXPIRED, REVOKED, WORKER_A, WORKER_B, REVIEWER_X, REVIEWER_Y, ADMIN }

    static final Set<Caller> ANY_USER = EnumSet.of(Caller.WORKER_A, Caller.WORKER_B, Caller.REVIEWER_X, Caller.REVIEWER_Y,
            Caller.ADMIN);
    static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    static final Set<Caller> WORKERS = EnumSet.of(Caller.WORKER_A, Caller.WORKER_B);
    static final Set<Caller> STAFF = EnumSet.of(Caller.REVIEWER_X, Caller.REVIEWER_Y, Caller.ADMIN);
    /** Reviewers and admins whose scope holds booth A. */
    static final Set<Caller> STAFF_OF_A = EnumSet.of(Caller.REVIEWER_X, Caller.ADMIN);
    static final Set<Caller> OWNER_AND_STAFF_OF_A = EnumSet.of(Caller.WORKER_A, Caller.REVIEWER_X, Caller.ADMIN);
    static final Set<Caller> ADMIN_ONLY = EnumSet.of(Caller.ADMIN);

    /** One request of the matrix: who may make it, and how it is made for a caller. */
    record Rule(Set<Caller> allowed, Function<Call, Api.Response> request) {}

    /** What a rule's request needs: the caller's client and the world seeded for the test. */
    record Call(Caller caller, Api api, World world, int n) {}

    record World(Hierarchy a, Hierarchy b, long districtX, String enrolmentOfA, String memberOfA) {}

    static final AtomicInteger UNIQUE = new AtomicInteger(1000);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    JdbcClient jdbc;

    static Map<String, Rule> rules() {
        Map<String, Rule> r = new LinkedHashMap<>();
        r.put("POST /api/v1/auth/token", new Rule(EVERYONE, c -> c.api().post("/api/v1/auth/token",
                "{\"username\": \"%s\", \"password\": \"worker-pw-1\"}".formatted(workerMobile(c.world().a())))));
        r.put("POST /api/v1/auth/logout", null); // revokes the caller's token: security.TokenLifecycleTest
        r.put("GET /app/i18n/{lang}.json", new Rule(EVERYONE, c -> c.api().get("/app/i18n/hi.json")));
        r.put("GET /app/sw.js", new Rule(EVERYONE, c -> c.api().get("/app/sw.js")));
        r.put("GET /console/i18n/{lang}.json", new Rule(EVERYONE, c -> c.api().get("/console/i18n/hi.json")));
        r.put("GET /console/settings.json", new Rule(EVERYONE, c -> c.api().get("/console/settings.json")));
        r.put("GET /api/v1/me", new Rule(ANY_USER, c -> c.api().get("/api/v1/me")));
        r.put("POST /api/v1/challenges", new Rule(WORKERS, c -> c.api().post("/api/v1/challenges", "{\"count\": 1}")));
        r.put("GET /api/v1/enrollments", new Rule(WORKERS, c -> c.api().get("/api/v1/enrollments?mine=true")));
        r.put("POST /api/v1/enrollments", new Rule(WORKERS, c -> c.api().multipart("/api/v1/enrollments",
                List.of(Api.Part.json("data", "{}")))));
        r.put("GET /api/v1/enrollments/{submissionId}", new Rule(OWNER_AND_STAFF_OF_A,
                c -> c.api().get("/api/v1/enrollments/" + c.world().enrolmentOfA())));
        r.put("GET /api/v1/enrollments/{submissionId}/photo", new Rule(STAFF_OF_A,
                c -> c.api().get("/api/v1/enrollments/" + c.world().enrolmentOfA() + "/photo")));
        r.put("GET /api/v1/enrollments/{submissionId}/burst/{n}", new Rule(STAFF_OF_A,
                c -> c.api().get("/api/v1/enrollments/" + c.world().enrolmentOfA() + "/burst/0")));
        r.put("GET /api/v1/enrollments/{submissionId}/faces/{n}", new Rule(STAFF_OF_A,
                c -> c.api().get("/api/v1/enrollments/" + c.world().enrolmentOfA() + "/faces/0")));
        r.put("GET /api/v1/reviews", new Rule(STAFF, c -> c.api().get("/api/v1/reviews")));
        r.put("GET /api/v1/reviews/{submissionId}", new Rule(STAFF_OF_A,
                c -> c.api().get("/api/v1/reviews/" + c.world().enrolmentOfA())));
        // an undecidable body: an allowed caller gets 422, and nothing is decided
        r.put("POST /api/v1/reviews/{submissionId}", new Rule(STAFF_OF_A,
                c -> c.api().post("/api/v1/reviews/" + c.world().enrolmentOfA(), "{\"decision\": \"MAYBE\"}")));
        r.put("POST /api/v1/reviews/{submissionId}/appeal", new Rule(STAFF_OF_A,
                c -> c.api().post("/api/v1/reviews/" + c.world().enrolmentOfA() + "/appeal", "{\"reason\": \"\"}")));
        r.put("GET /api/v1/export/enrollments.csv", new Rule(STAFF_OF_A,
                c -> c.api().get("/api/v1/export/enrollments.csv?orgUnitId=" + c.world().districtX())));
        r.put("GET /api/v1/export/members.csv", new Rule(STAFF_OF_A,
                c -> c.api().get("/api/v1/export/members.csv?orgUnitId=" + c.world().districtX())));
        r.put("GET /api/v1/org-units", new Rule(ANY_USER, c -> c.api().get("/api/v1/org-units?parentId=" + c.world().districtX())));
        r.put("GET /api/v1/org-units/{id}", new Rule(OWNER_AND_STAFF_OF_A,
                c -> c.api().get("/api/v1/org-units/" + c.world().a().boothId())));
        r.put("POST /api/v1/org-units", new Rule(STAFF_OF_A, c -> c.api().post("/api/v1/org-units", ("{\"parentId\": %d,"
                + " \"level\": \"BOOTH\", \"code\": \"AZ-%d\", \"name\": \"Booth\", \"latitude\": 23.2, \"longitude\": 77.4,"
                + " \"radiusMeters\": 100}").formatted(c.world().districtX(), c.n()))));
        r.put("POST /api/v1/workers", new Rule(STAFF_OF_A, c -> c.api().post("/api/v1/workers",
                "{\"name\": \"W\", \"mobile\": \"97%08d\", \"password\": \"worker-pw-9\", \"orgUnitId\": %d}"
                        .formatted(c.n(), c.world().a().boothId()))));
        r.put("GET /api/v1/workers/{id}", new Rule(OWNER_AND_STAFF_OF_A, c -> c.api().get("/api/v1/workers/" + c.world().a().workerId())));
        r.put("GET /api/v1/workers/signals", new Rule(STAFF_OF_A,
                c -> c.api().get("/api/v1/workers/signals?orgUnitId=" + c.world().districtX())));
        // an empty photo: an allowed caller gets a 4xx about the image, and no face is enrolled
        r.put("POST /api/v1/workers/{id}/reference-face", new Rule(STAFF_OF_A, c -> c.api().multipart(
                "/api/v1/workers/" + c.world().a().workerId() + "/reference-face",
                List.of(Api.Part.file("photo", "ref.jpg", new byte[0])))));
        r.put("POST /api/v1/users", new Rule(ADMIN_ONLY, c -> c.api().post("/api/v1/users",
                "{\"username\": \"u%d\", \"password\": \"user-pw-12\", \"name\": \"U\", \"role\": \"NOBODY\"}".formatted(c.n()))));
        r.put("GET /api/v1/workers/{id}/reference-face/{n}", new Rule(STAFF_OF_A,
                c -> c.api().get("/api/v1/workers/" + c.world().a().workerId() + "/reference-face/0")));
        // need an enrolment with a matched member, which the world here has not: review.DuplicateCandidateApiTest
        r.put("GET /api/v1/reviews/{submissionId}/candidate", null);
        r.put("GET /api/v1/reviews/{submissionId}/candidate/face", null);
        r.put("GET /api/v1/reviews/{submissionId}/candidates/{memberId}/face", null);
        r.put("GET /api/v1/reviews/{submissionId}/candidates", new Rule(STAFF_OF_A,
                c -> c.api().get("/api/v1/reviews/" + c.world().enrolmentOfA() + "/candidates")));
        r.put("GET /api/v1/users", new Rule(STAFF, c -> c.api().get("/api/v1/users?role=WORKER")));
        // too short a password: an allowed caller gets 422, and the password stays
        r.put("POST /api/v1/users/{id}/password", new Rule(STAFF_OF_A, c -> c.api().post(
                "/api/v1/users/" + c.world().a().workerId() + "/password", "{\"password\": \"x\"}")));
        // no "active": an allowed caller gets 422, and the account stays active
        r.put("POST /api/v1/users/{id}/active", new Rule(STAFF_OF_A, c -> c.api().post(
                "/api/v1/users/" + c.world().a().workerId() + "/active", "{}")));
        // a header without rows: staff get an empty report (each row is checked against the caller's scope)
        r.put("POST /api/v1/org-units/import", new Rule(STAFF, c -> c.api().raw("/api/v1/org-units/import", "text/csv",
                "code,name,name_hi,parent_code,latitude,longitude,radius_m\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        r.put("GET /api/v1/audit", new Rule(ADMIN_ONLY, c -> c.api().get("/api/v1/audit?limit=1")));
        r.put("GET /api/v1/dashboard", new Rule(STAFF_OF_A, c -> c.api().get("/api/v1/dashboard?orgUnitId=" + c.world().districtX())));
        r.put("GET /api/v1/dashboard/workers", new Rule(STAFF_OF_A,
                c -> c.api().get("/api/v1/dashboard/workers?orgUnitId=" + c.world().districtX())));
        r.put("GET /api/v1/members/{memberId}/card.png", new Rule(STAFF_OF_A,
                c -> c.api().get("/api/v1/members/" + c.world().memberOfA() + "/card.png")));
        r.put("GET /api/v1/members/{memberId}/card.pdf", new Rule(STAFF_OF_A,
                c -> c.api().get("/api/v1/members/" + c.world().memberOfA() + "/card.pdf")));
        // without a reason: an allowed caller gets 422, and the member stays
        r.put("POST /api/v1/members/{memberId}/revoke", new Rule(ADMIN_ONLY,
                c -> c.api().post("/api/v1/members/" + c.world().memberOfA() + "/revoke", "{}")));
        // without a reason: an allowed caller gets 422, and nothing is erased
        r.put("POST /api/v1/members/{memberId}/erase-biometrics", new Rule(ADMIN_ONLY,
                c -> c.api().post("/api/v1/members/" + c.world().memberOfA() + "/erase-biometrics", "{}")));
        // public: a made-up token is refused as invalid (400), never as unauthorised
        r.put("GET /verify/{token}", new Rule(EVERYONE, c -> c.api().get("/verify/not-a-token")));
        return r;
    }

    /** "METHOD pattern" of every handler the service maps itself (not the framework's /error or API docs). */
    Set<String> mappedEndpoints() {
        Set<String> out = new TreeSet<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, org.springframework.web.method.HandlerMethod h) -> {
            if (!h.getBeanType().getPackageName().startsWith("org.sadasya")) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                for (var method : info.getMethodsCondition().getMethods()) {
                    out.add(method.name() + " " + pattern);
                }
            }
        });
        return out;
    }

    @Test
    void everyEndpoint_hasARule() {
        assertThat(rules().keySet()).as("endpoints without a rule in this matrix").containsAll(mappedEndpoints());
        assertThat(mappedEndpoints()).as("rules for endpoints that no longer exist").containsAll(rules().keySet());
    }

    @Test
    void everyCaller_getsExactlyWhatItsRuleAllows() {
        World world = world();
        Map<Caller, Api> callers = callers(world);
        List<String> wrong = new ArrayList<>();
        rules().forEach((endpoint, rule) -> {
            if (rule == null) {
                return;
            }
            for (Caller caller : Caller.values()) {
                Api.Response r = rule.request().apply(new Call(caller, callers.get(caller), world, UNIQUE.incrementAndGet()));
                boolean refused = r.status() == 401 || r.status() == 403 || r.status() == 404;
                boolean allowed = rule.allowed().contains(caller);
                if (allowed == refused || r.status() >= 500) {
                    wrong.add("%s as %s: %d %s".formatted(endpoint, caller, r.status(),
                            r.body() == null ? "" : r.body().substring(0, Math.min(160, r.body().length()))));
                }
            }
        });
        assertThat(wrong).as("answers that break the policy").isEmpty();
    }

    @Test
    void listsInScope_showNothingOfAnotherScope() {
        World world = world();
        Map<Caller, Api> callers = callers(world);
        assertThat(callers.get(Caller.REVIEWER_Y).get("/api/v1/reviews").body()).doesNotContain(world.enrolmentOfA());
        assertThat(callers.get(Caller.REVIEWER_X).get("/api/v1/reviews").body()).contains(world.enrolmentOfA());
        assertThat(callers.get(Caller.REVIEWER_Y).get("/api/v1/org-units?parentId=" + world.districtX()).json()).isEmpty();
        assertThat(callers.get(Caller.WORKER_B).get("/api/v1/org-units?parentId=" + world.districtX()).json()).isEmpty();
        assertThat(callers.get(Caller.REVIEWER_X).get("/api/v1/org-units?parentId=" + world.districtX()).json()).isNotEmpty();
        assertThat(callers.get(Caller.WORKER_B).get("/api/v1/enrollments?mine=true").body()).doesNotContain(world.enrolmentOfA());
    }

    World world() {
        Hierarchy a = hierarchy();
        Hierarchy b = hierarchy();
        long districtX = jdbc.sql("SELECT parent_id FROM org_unit WHERE id = ?").params(a.boothId()).query(Long.class).single();
        String enrolment = ReviewSeeds.inReview(admin, a).submissionId();
        String accepted = ReviewSeeds.inReview(admin, a).submissionId();
        Api.Response issued = admin.post("/api/v1/reviews/" + accepted, "{\"decision\": \"ACCEPT\"}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        return new World(a, b, districtX, enrolment, issued.json().get("memberId").asText());
    }

    Map<Caller, Api> callers(World w) {
        Map<Caller, Api> c = new LinkedHashMap<>();
        c.put(Caller.NO_TOKEN, anonymous);
        c.put(Caller.EXPIRED, expiredWorker(w.a()));
        c.put(Caller.REVOKED, revokedWorker(w.a()));
        c.put(Caller.WORKER_A, w.a().worker());
        c.put(Caller.WORKER_B, w.b().worker());
        c.put(Caller.REVIEWER_X, reviewerOfDistrict(w.a()));
        c.put(Caller.REVIEWER_Y, reviewerOfDistrict(w.b()));
        c.put(Caller.ADMIN, admin);
        return c;
    }

    Api reviewerOfDistrict(Hierarchy h) {
        long district = jdbc.sql("SELECT parent_id FROM org_unit WHERE id = ?").params(h.boothId()).query(Long.class).single();
        String username = "district-reviewer-" + UNIQUE.incrementAndGet();
        Hierarchy.created(admin.post("/api/v1/users", ("{\"username\": \"%s\", \"password\": \"review-pw-1\", \"name\": \"R\","
                + " \"role\": \"REVIEWER\", \"orgUnitId\": %d}").formatted(username, district)));
        return anonymous.login(username, "review-pw-1");
    }

    Api newWorkerOf(Hierarchy h, long[] id) {
        String mobile = "95%08d".formatted(UNIQUE.incrementAndGet());
        id[0] = Hierarchy.created(admin.post("/api/v1/workers",
                "{\"name\": \"W\", \"mobile\": \"%s\", \"password\": \"worker-pw-2\", \"orgUnitId\": %d}".formatted(mobile, h.boothId())));
        return anonymous.login(mobile, "worker-pw-2");
    }

    Api expiredWorker(Hierarchy h) {
        long[] id = new long[1];
        Api api = newWorkerOf(h, id);
        jdbc.sql("UPDATE api_token SET expires_at = ? WHERE user_id = ?").params(OffsetDateTime.now().minusMinutes(1), id[0]).update();
        return api;
    }

    Api revokedWorker(Hierarchy h) {
        long[] id = new long[1];
        Api api = newWorkerOf(h, id);
        assertThat(api.post("/api/v1/auth/logout", "{}").status()).isEqualTo(204);
        return api;
    }
}
