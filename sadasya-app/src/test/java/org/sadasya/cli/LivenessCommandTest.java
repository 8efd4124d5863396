package org.sadasya.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.face.testsupport.SharedData;

/** {@code sadasya liveness --list FILE}: the contract of DESIGN.md, "Command line". */
class LivenessCommandTest {

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = SadasyaCommand.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void batch_printsOneLinePerInputInOrder_withNofaceForUnreadableFiles(@TempDir Path dir) throws Exception {
        String print = SharedData.file("data/pad/nuaa/spoof/0001_00_00_01_0.jpg").toString();
        String pair = SharedData.file("data/faces/multi/face_recognition/two_people.jpg").toString();
        String missing = dir.resolve("missing.jpg").toString();
        Path list = dir.resolve("list.txt");
        Files.write(list, List.of(print, missing, pair));

        Run r = run("liveness", "--list", list.toString(), "--threads", "1");

        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith(print + "\t").matches(".*\t0\\.\\d{6}\t(live|doubt|spoof)");
        assertThat(lines.get(0)).doesNotEndWith("\tlive");
        assertThat(lines.get(1)).isEqualTo(missing + "\tNaN\tnoface");
        assertThat(lines.get(2)).startsWith(pair + "\t").doesNotEndWith("\tspoof");
        assertThat(r.err()).contains("\"code\"");
    }

    @Test
    void unreadableList_exitsWith2AndOneJsonLine(@TempDir Path dir) {
        Run r = run("liveness", "--list", dir.resolve("nope.txt").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("{\"code\":\"BAD_ARGUMENT\"");
    }
}
