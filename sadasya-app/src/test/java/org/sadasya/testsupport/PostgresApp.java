package org.sadasya.testsupport;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.sadasya.SadasyaApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service with the scripted face analyzer on a fresh PostgreSQL schema of its own, with
 * random image and challenge keys and admin password {@link #ADMIN_PASSWORD}; close() stops it and
 * drops the schema.
 */
public final class PostgresApp implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "pg-admin";

    private final String schema;
    private final ConfigurableApplicationContext context;

    public PostgresApp(Path dataDir) {
        schema = Databases.newPostgresSchema();
        context = new SpringApplicationBuilder(SadasyaApplication.class, ServiceTestConfig.class)
                .run("--server.port=0", "--sadasya.data-dir=" + dataDir, "--sadasya.admin-password=" + ADMIN_PASSWORD,
                        "--sadasya.verifier.poll=50ms",
                        "--spring.datasource.url=" + Databases.PG_URL + "?currentSchema=" + schema,
                        "--spring.datasource.username=" + Databases.PG_USER, "--spring.datasource.password=",
                        "--sadasya.image-key=" + randomKey(), "--sadasya.challenge-key=" + randomKey(),
                        "--sadasya.card-key=" + org.sadasya.card.CardSigningKey.generate().toJSONString());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A client of the server, not logged in. */
    public Api anonymous() {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            Databases.dropPostgresSchema(schema);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
