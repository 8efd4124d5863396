package org.sadasya.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sadasya.face.testsupport.SharedData;

/**
 * {@code ./lab evaluate challenge} on a small subset (one live clip that performs steps, one
 * attack clip, one photo, two tickets): the shape of the output and that its counts add up. The
 * values are the evaluation's business, not this test's.
 */
class EvaluateChallengeCommandTest {

    @Test
    void subset_printsOneJsonLinePerFigure_withCountsThatAddUp() throws Exception {
        LabRun r = LabRun.of("evaluate", "challenge", "--shared", SharedData.root().toString(),
                "--clips", "krzysiek354/live_small_turns,silentface/attack_print_handheld",
                "--tickets", "2", "--synthetic-tickets", "1", "--photos", "1");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.stdout().lines().toList()) {
            lines.add(org.sadasya.lab.JsonLines.MAPPER.readTree(line));
        }
        assertThat(lines).extracting(n -> n.get("set").asText() + " " + n.get("metric").asText() + " " + n.get("type").asText())
                .containsExactly("real APCER print-moved", "real APCER screen-photo", "real APCER screen-video",
                        "real APCER live-video-other-steps", "real APCER live-video-other-steps-ticket-differs",
                        "real APCER live-video-still-person",
                        "real BPCER live-own-steps", "real REVIEW live-own-steps",
                        "synthesised APCER print-still", "synthesised APCER print-moved",
                        "synthesised APCER screen-photo", "synthesised APCER screen-video",
                        "synthesised APCER screen-video-ticket-differs");
        for (JsonNode n : lines) {
            int presentations = n.get("presentations").asInt();
            int unusable = n.get("unusable").asInt();
            int denominator = n.get("denominator").asInt();
            int errors = n.get("errors").asInt();
            int all = n.get("sources").asInt() * n.get("ticketsPerSource").asInt();
            if (n.get("type").asText().endsWith("-ticket-differs")) {
                assertThat(presentations).as(n.toString()).isBetween(0, all);
            } else {
                assertThat(presentations).as(n.toString()).isEqualTo(all);
            }
            assertThat(denominator).as(n.toString())
                    .isEqualTo(n.get("metric").asText().equals("REVIEW") ? presentations : presentations - unusable);
            assertThat(errors).as(n.toString()).isBetween(0, denominator);
            double lower = n.get("ci95").get(0).asDouble();
            double upper = n.get("ci95").get(1).asDouble();
            assertThat(lower).isLessThanOrEqualTo(upper);
            if (denominator > 0) {
                assertThat(n.get("rate").asDouble()).isBetween(lower, upper);
            }
        }
        // the subset: one clip per real attack type present, the live clip judged once on its own steps
        assertThat(lines.get(0).get("sources").asInt()).isEqualTo(1);
        assertThat(lines.get(0).get("presentations").asInt()).isEqualTo(2);
        assertThat(lines.get(1).get("sources").asInt()).isZero();
        assertThat(lines.get(6).get("presentations").asInt()).isEqualTo(1);
        assertThat(lines.get(8).get("presentations").asInt()).isEqualTo(1);
    }

    @Test
    void badTicketCount_isABadArgument() {
        LabRun r = LabRun.of("evaluate", "challenge", "--shared", SharedData.root().toString(), "--tickets", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("BAD_ARGUMENT");
    }
}
