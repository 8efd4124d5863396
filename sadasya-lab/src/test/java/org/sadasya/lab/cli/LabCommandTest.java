package org.sadasya.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.sadasya.face.testsupport.SharedData;
import org.sadasya.lab.JsonLines;

/** The lab's command tree: its errors are the service CLI's (exit 2, one JSON line), its output JSON lines. */
class LabCommandTest {

    @Test
    void badArguments_exitWithTwoAndOneJsonLine() throws Exception {
        LabRun format = LabRun.of("bench", "index", "--size", "10", "--format", "int3");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(JsonLines.MAPPER.readTree(format.stderr().strip()).get("code").asText()).isEqualTo("BAD_ARGUMENT");

        LabRun mode = LabRun.of("evaluate", "faces", "--mode", "fast");
        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(JsonLines.MAPPER.readTree(mode.stderr().strip()).get("message").asText()).contains("--mode");

        LabRun noData = LabRun.of("evaluate", "liveness", "--shared", "/nonexistent-shared");
        assertThat(noData.exitCode()).isEqualTo(2);
        assertThat(JsonLines.MAPPER.readTree(noData.stderr().strip()).get("message").asText()).contains("data/pad");

        assertThat(LabRun.of("train", "pad", "--no-such-option").exitCode()).isEqualTo(2);
    }

    @Test
    void generatorReport_isOneJsonObject_comparingRealAndGeneratedScores() throws Exception {
        LabRun r = LabRun.of("bench", "generator", "--pairs", "2000", "--shared", SharedData.root().toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines()).hasSize(1);
        JsonNode n = JsonLines.MAPPER.readTree(r.stdout());
        assertThat(n.get("generatedPairs").asInt()).isEqualTo(2000);
        assertThat(n.get("realImages").asInt()).isPositive();
        double real = n.get("genuineMedian").get("real").asDouble();
        double generated = n.get("genuineMedian").get("generated").asDouble();
        assertThat(real).isBetween(-1.0, 1.0);
        assertThat(generated).isBetween(-1.0, 1.0);
        // a genuine pair is more alike than an impostor pair, in the real sample and in the generated one
        assertThat(real).isGreaterThan(n.get("impostorMedian").get("real").asDouble());
        assertThat(generated).isGreaterThan(n.get("impostorMedian").get("generated").asDouble());
    }

    @Test
    void theTree_namesEveryCommand() {
        LabRun help = LabRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("bench", "evaluate", "train");
        assertThat(LabRun.of("bench", "--help").stdout()).contains("index", "error-budget", "projection", "face", "generator", "jmh");
        assertThat(LabRun.of("evaluate", "--help").stdout()).contains("faces", "liveness", "challenge", "identities");
    }
}
