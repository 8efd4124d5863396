package org.sadasya.cli;

import java.nio.file.Path;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The service's database for an operational command: pool and migrations only, configured from
 * application.yml like {@code serve} (the H2 file in the data directory, or
 * {@code SPRING_DATASOURCE_URL/USERNAME/PASSWORD}). Logs go to stderr, so stdout carries the result only.
 */
final class DatabaseContext {

    private DatabaseContext() {}

    /** The data directory given, else SADASYA_DATA_DIR, else ./sadasya-data; absolute. */
    static Path dataDir(Path given) {
        return (given != null ? given : ServeCommand.dataDirFromEnvironment()).toAbsolutePath().normalize();
    }

    static ConfigurableApplicationContext open(Path dataDir) {
        return new SpringApplicationBuilder(DatabaseOnly.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .registerShutdownHook(false)
                .run("--sadasya.data-dir=" + dataDir, "--logging.config=classpath:org/sadasya/cli/logback-stderr.xml");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
    static class DatabaseOnly {}
}
