package org.sadasya;

import org.sadasya.config.SadasyaProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The membership service (DESIGN.md, sadasya-app). Started by {@code sadasya serve}. */
// No default in-memory user: people log in through /api/v1/auth/token with users from the database.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@EnableConfigurationProperties(SadasyaProperties.class)
@EnableScheduling
public class SadasyaApplication {

    public static void main(String[] args) {
        SpringApplication.run(SadasyaApplication.class, args);
    }
}
