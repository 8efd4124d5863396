package org.sadasya.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.sadasya.SadasyaApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One real server on H2 with the scripted face analyzer, shared (one Spring context) by the tests of
 * the worker's app: its API calls and the browser tests. Each test gets its own hierarchy and worker.
 */
@SpringBootTest(classes = SadasyaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTestConfig.class)
public abstract class AppServerTest {

    public static final String ADMIN_PASSWORD = "admin-app-password";
    private static final AtomicInteger SEQ = new AtomicInteger(700);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) throws IOException {
        Path dir = Files.createTempDirectory("sadasya-app-test");
        r.add("sadasya.data-dir", dir::toString);
        r.add("sadasya.admin-password", () -> ADMIN_PASSWORD);
        r.add("sadasya.verifier.poll", () -> "50ms");
    }

    @LocalServerPort
    protected int port;

    protected Api anonymous;
    protected Api admin;

    @BeforeEach
    void clients() {
        anonymous = new Api(port);
        admin = anonymous.login("admin", ADMIN_PASSWORD);
    }

    /** A fresh state › district › booth with a worker (password {@code worker-pw-1}). */
    protected Hierarchy hierarchy() {
        return Hierarchy.create(anonymous, admin, SEQ.incrementAndGet());
    }

    /** Another worker on {@code h}'s booth (password {@code worker-pw-1}). */
    protected Hierarchy anotherWorker(Hierarchy h, String name) {
        return h.anotherWorker(anonymous, admin, SEQ.incrementAndGet(), name);
    }

    public static String workerMobile(Hierarchy h) {
        return "98%08d".formatted(h.n());
    }
}
