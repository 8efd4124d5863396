package org.sadasya.testsupport;

import org.sadasya.decision.FaceAnalyzer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the face engine by the scripted test double, for tests about the service, not faces. */
@TestConfiguration(proxyBeanMethods = false)
public class ServiceTestConfig {

    @Bean
    @Primary
    FaceAnalyzer scriptedFaceAnalyzer() {
        return new ScriptedFaceAnalyzer();
    }
}
