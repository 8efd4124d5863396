package org.sadasya.card;

import java.time.Clock;
import javax.sql.DataSource;
import org.sadasya.audit.AuditLog;
import org.sadasya.config.H2Durability;
import org.sadasya.config.SadasyaProperties;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.ImageStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Membership cards. {@code sadasya.card-key} (SADASYA_CARD_KEY): the Ed25519 private JWK that
 * signs card tokens; only the embedded H2 default generates one, into {@code <data-dir>/card.jwk}.
 */
@Configuration(proxyBeanMethods = false)
public class CardConfiguration {

    @Bean
    CardTokens cardTokens(@Value("${sadasya.card-key:}") String configured,
            @Value("${sadasya.card-previous-keys:}") String previous, SadasyaProperties props,
            DataSource dataSource, Clock clock) throws java.sql.SQLException {
        return new CardTokens(CardSigningKey.resolve(configured, H2Durability.apply(dataSource),
                props.dataDir().resolve("card.jwk")), CardSigningKey.previousPublicKeys(previous), clock);
    }

    @Bean
    CardMembers cardMembers(JdbcClient jdbc) {
        return new CardMembers(jdbc);
    }

    @Bean
    MemberCards memberCards(CardMembers members, EnrollmentRepository enrollments, ImageStore images,
            CardTokens tokens, AuditLog audit, MessageSource messages, TransactionTemplate tx, Clock clock) {
        return new MemberCards(members, enrollments, images, tokens, audit, messages, tx, clock);
    }
}
