package org.sadasya.config;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The {@code prod} profile refuses to start a service that would run on the embedded defaults: an H2
 * file database, keys generated into the data directory (a copy of the directory would then carry
 * the keys with the encrypted photos), or the demo users. It runs before any bean is made, so a
 * refused start leaves nothing behind. Operational commands without a web server are not checked.
 */
public final class ProductionGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** Settings that must be given explicitly in production, with the variable that usually gives them. */
    static final List<String[]> REQUIRED_KEYS = List.of(
            new String[] {"sadasya.image-key", "SADASYA_IMAGE_KEY"},
            new String[] {"sadasya.challenge-key", "SADASYA_CHALLENGE_KEY"},
            new String[] {"sadasya.card-key", "SADASYA_CARD_KEY"});

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        if (event.getSpringApplication().getWebApplicationType() == WebApplicationType.NONE
                || !env.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        List<String> refused = refusals(env);
        if (!refused.isEmpty()) {
            throw new IllegalStateException("The prod profile refuses to start: " + String.join("; ", refused));
        }
    }

    static List<String> refusals(ConfigurableEnvironment env) {
        List<String> refused = new ArrayList<>();
        String url = env.getProperty("spring.datasource.url", "");
        if (url.startsWith("jdbc:h2:")) {
            refused.add("the database is the embedded H2 file; set SPRING_DATASOURCE_URL to PostgreSQL");
        }
        for (String[] key : REQUIRED_KEYS) {
            if (env.getProperty(key[0], "").isBlank()) {
                refused.add(key[0] + " is not set (" + key[1] + ")");
            }
        }
        if (env.getProperty("sadasya.demo", Boolean.class, false)) {
            refused.add("sadasya.demo is on (demo users with known passwords)");
        }
        return refused;
    }
}
