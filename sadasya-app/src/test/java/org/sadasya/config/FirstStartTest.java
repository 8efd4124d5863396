package org.sadasya.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Fixture;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class FirstStartTest {

    @TempDir
    Path dir;

    @Test
    void generatedPasswords_goToOwnerOnlyFiles_neverToStdout() throws Exception {
        try (Databases.Db db = Databases.h2(dir)) {
            Fixture f = new Fixture(db, dir.resolve("images"), Clock.systemUTC());
            StandardEnvironment env = new StandardEnvironment();
            env.getPropertySources().addFirst(new MapPropertySource("test",
                    Map.of("sadasya.data-dir", dir.toString(), "sadasya.demo", "true")));
            SadasyaProperties props = Binder.get(env).bind("sadasya", SadasyaProperties.class).get();
            var encoder = new BCryptPasswordEncoder(4);
            FirstStart start = new FirstStart(f.users, f.orgUnits, encoder, f.audit, f.tx, props);

            PrintStream stdout = System.out;
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                start.run(new DefaultApplicationArguments());
            } finally {
                System.setOut(stdout);
            }
            for (String name : new String[] {"admin.password", "demo.password"}) {
                Path file = dir.resolve(name);
                String password = Files.readString(file).strip();
                assertThat(password).hasSizeGreaterThanOrEqualTo(16);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
                assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain(password).contains(file.toString());
            }
            String admin = Files.readString(dir.resolve("admin.password")).strip();
            assertThat(encoder.matches(admin, f.users.findByUsername("admin").orElseThrow().passwordHash())).isTrue();
        }
    }
}
