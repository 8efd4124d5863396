package org.sadasya.listaudit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.cli.SadasyaCommand;

/** An interrupted audit, run again, ends with exactly the files of an uninterrupted one. */
class AuditResumeTest {

    @Test
    void interruptedAudit_resumes_toByteIdenticalOutputs(@TempDir Path tmp) throws Exception {
        Path list = PlantedList.build(tmp.resolve("list"));
        Path whole = tmp.resolve("whole");
        Path resumed = tmp.resolve("resumed");
        assertThat(SadasyaCommand.execute("audit", list.toString(), "--out", whole.toString())).isZero();

        assertThat(SadasyaCommand.execute("audit", list.toString(), "--out", resumed.toString(), "--stop-after", "7"))
                .isEqualTo(75);
        assertThat(resumed.resolve("audit.csv")).doesNotExist();
        assertThat(Files.readAllLines(resumed.resolve("checkpoint.jsonl"))).hasSize(1 + 7);
        // A crash in the middle of a write leaves a torn last line: it is dropped, not fatal.
        Files.writeString(resumed.resolve("checkpoint.jsonl"), "{\"photo\":\"photos/m1", StandardOpenOption.APPEND);

        String stdout = run("audit", list.toString(), "--out", resumed.toString());
        assertThat(stdout).contains("\"photosAnalysed\":15").contains("\"photosFromCheckpoint\":7");

        for (String f : new String[] {"audit.csv", "report.html"}) {
            assertThat(Files.readAllBytes(resumed.resolve(f))).as(f).isEqualTo(Files.readAllBytes(whole.resolve(f)));
        }
    }

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(SadasyaCommand.execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
