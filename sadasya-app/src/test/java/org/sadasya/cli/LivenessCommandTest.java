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
    void burstColumns_aFaceThatDidNotFollowIsNotLive(@TempDir Path dir) throws Exception {
        // real clips of shared/data/video: a person turning left, right, left; a phone replaying a video
        String live = FaceCommandsTest.clipFrame("apfol/live_turns_talking", 35);
        String liveBurst = FaceCommandsTest.clipFrames("apfol/live_turns_talking", 7, 34, 3);
        String replay = FaceCommandsTest.clipFrame("apfol/attack_phone_replay", 29);
        String replayBurst = FaceCommandsTest.clipFrames("apfol/attack_phone_replay", 1, 28, 3);
        Path list = dir.resolve("list.txt");
        Files.write(list, List.of(
                live,
                live + "\t" + liveBurst + "\tTURN_LEFT,TURN_RIGHT,TURN_LEFT",
                live + "\t" + liveBurst + "\tLOOK_UP,TURN_RIGHT,FACE_CAMERA",
                replay + "\t" + replayBurst + "\tTURN_LEFT,LOOK_UP,TURN_RIGHT",
                live + "\t" + dir.resolve("missing.jpg") + "\tTURN_LEFT,TURN_RIGHT,TURN_LEFT"));

        Run r = run("liveness", "--list", list.toString(), "--threads", "2");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines).allSatisfy(l -> assertThat(l.split("\t")).hasSize(3));
        String alone = lines.get(0).split("\t")[2];
        // the burst that follows its steps outweighs the single image's doubt, never its spoof
        assertThat(lines.get(1)).isEqualTo(live + "\t" + lines.get(0).split("\t")[1] + "\t" + (alone.equals("spoof") ? "spoof" : "live"));
        assertThat(lines.get(2)).startsWith(live + "\t").doesNotEndWith("\tlive");
        assertThat(lines.get(3)).startsWith(replay + "\t").doesNotEndWith("\tlive");
        // a burst frame that cannot be read: the burst cannot tell, so not live, and a diagnostic
        assertThat(lines.get(4)).startsWith(live + "\t").doesNotEndWith("\tlive");
        assertThat(r.err()).contains("missing.jpg");
    }

    @Test
    void unreadableList_exitsWith2AndOneJsonLine(@TempDir Path dir) {
        Run r = run("liveness", "--list", dir.resolve("nope.txt").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("{\"code\":\"BAD_ARGUMENT\"");
    }
}
