package org.sadasya;

import org.sadasya.config.SadasyaProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The membership service (DESIGN.md, sadasya-app). Started by {@code sadasya serve}. */
@SpringBootApplication
@EnableConfigurationProperties(SadasyaProperties.class)
public class SadasyaApplication {

    public static void main(String[] args) {
        SpringApplication.run(SadasyaApplication.class, args);
    }
}
