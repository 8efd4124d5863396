package org.sadasya.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sadasya.SadasyaApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sadasya serve [--port N] [--demo]}: the membership service on the embedded defaults. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the membership service (H2 + encrypted image store in SADASYA_DATA_DIR, default ./sadasya-data).")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE})", defaultValue = "8080")
    int port;

    @Option(names = "--demo", description = "Seed a demo hierarchy (Bhopal district down to three booths) and demo users")
    boolean demo;

    /** {@code SADASYA_DATA_DIR}, else {@code ./sadasya-data}. */
    static Path dataDirFromEnvironment() {
        String env = System.getenv("SADASYA_DATA_DIR");
        return Path.of(env == null || env.isBlank() ? "sadasya-data" : env);
    }

    @Override
    public Integer call() throws InterruptedException {
        Path dataDir = dataDirFromEnvironment().toAbsolutePath().normalize();
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("server.port", port);
        defaults.put("sadasya.data-dir", dataDir.toString());
        defaults.put("sadasya.demo", demo);
        SpringApplication app = new SpringApplication(SadasyaApplication.class);
        app.setDefaultProperties(defaults);
        CountDownLatch closed = new CountDownLatch(1);
        app.addListeners(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        ConfigurableApplicationContext context = app.run("--server.port=" + port, "--sadasya.data-dir=" + dataDir,
                "--sadasya.demo=" + demo);
        if (!context.isActive()) {
            return 1;
        }
        closed.await(); // until SIGTERM / Ctrl-C closes the context
        return 0;
    }
}
