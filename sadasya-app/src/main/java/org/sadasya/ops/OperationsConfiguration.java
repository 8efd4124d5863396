package org.sadasya.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.sadasya.decision.MemberFaceIndex;
import org.sadasya.member.MemberFaceIndexes;
import org.sadasya.reembed.FaceModels;
import org.sadasya.verification.JobQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Health indicators ({@code /actuator/health}: details for admins) and the queue-depth gauge. */
@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

    @Bean
    HealthIndicator verificationQueue(JdbcClient jdbc, Clock clock) {
        return new VerificationQueueHealth(jdbc, clock);
    }

    @Bean
    HealthIndicator memberIndex(ObjectProvider<MemberFaceIndex> index, FaceModels models, JdbcClient jdbc) {
        MemberFaceIndex i = index.getIfAvailable();
        if (i instanceof MemberFaceIndexes hnsw) {
            return new MemberIndexHealth(hnsw, models, jdbc);
        }
        // the exact scan reads the database itself: nothing can fall behind
        return () -> org.springframework.boot.actuate.health.Health.up().withDetail("search", "exact").build();
    }

    @Bean
    HealthIndicator faceEngine(org.sadasya.verification.FaceEngineAnalyzer engines, FaceModels models, Clock clock) {
        return new FaceEngineHealth(engines, models, clock);
    }

    /** Bound by Spring Boot once the registry is configured, so the gauge reaches every registry. */
    @Bean
    MeterBinder queueDepth(JobQueue jobs) {
        return registry -> Gauge.builder("sadasya.queue.pending", jobs, JobQueue::pending)
                .description("enrolments received and not yet decided by the verifier")
                .strongReference(true)
                .register(registry);
    }
}
