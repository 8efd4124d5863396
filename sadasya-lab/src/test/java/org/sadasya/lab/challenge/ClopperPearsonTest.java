package org.sadasya.lab.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The exact interval against values printed in the binomial tables (and R's binom.test). */
class ClopperPearsonTest {

    @Test
    void noErrors_upperBoundIsOneMinusTheTailRoot() {
        ClopperPearson ci = ClopperPearson.of95(0, 3);
        assertThat(ci.lower()).isZero();
        assertThat(ci.upper()).isCloseTo(1 - Math.pow(0.025, 1.0 / 3), within(1e-9));
        assertThat(ClopperPearson.of95(0, 300).upper()).isCloseTo(1 - Math.pow(0.025, 1.0 / 300), within(1e-9));
    }

    @Test
    void someErrors_matchTheTables() {
        ClopperPearson one = ClopperPearson.of95(1, 10);
        assertThat(one.lower()).isCloseTo(0.002529, within(1e-6));
        assertThat(one.upper()).isCloseTo(0.445016, within(1e-6));
        ClopperPearson half = ClopperPearson.of95(5, 10);
        assertThat(half.lower()).isCloseTo(0.187086, within(1e-6));
        assertThat(half.upper()).isCloseTo(0.812914, within(1e-6));
        assertThat(ClopperPearson.of95(10, 10).upper()).isEqualTo(1);
    }

    @Test
    void ticketDraw_followsTheServersRules() {
        var drawn = TicketDraw.draw(7, 200);
        for (var ticket : drawn) {
            assertThat(ticket).hasSize(3);
            assertThat(org.sadasya.face.challenge.ChallengeSequences.followable(ticket)).as(ticket.toString()).isTrue();
        }
        assertThat(new java.util.HashSet<>(drawn)).as("every sequence the server may ask").hasSize(6);
        assertThat(TicketDraw.draw(7, 20)).isEqualTo(TicketDraw.draw(7, 20));
    }
}
