package org.sadasya.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.face.testsupport.SharedData;

/** The face commands keep the contracts of DESIGN.md, "Command line". */
class FaceCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void faces_listsBothPeopleOfATwoPersonPhoto_inImagePixels() throws IOException {
        CliRun run = CliRun.of("faces", photo("multi/face_recognition/two_people.jpg"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode out = JSON.readTree(run.stdout());
        int width = out.get("image").get("width").asInt();
        int height = out.get("image").get("height").asInt();
        assertThat(out.get("faces")).hasSize(2);
        for (JsonNode face : out.get("faces")) {
            JsonNode box = face.get("box");
            assertThat(box.get("x").asDouble() + box.get("width").asDouble() / 2).isBetween(0.0, (double) width);
            assertThat(box.get("y").asDouble() + box.get("height").asDouble() / 2).isBetween(0.0, (double) height);
            assertThat(face.get("landmarks")).hasSize(6);
            assertThat(face.get("detectionScore").asDouble()).isGreaterThan(0.5);
            assertThat(face.get("liveness").get("verdict").asText()).isIn("live", "spoof", "doubt");
        }
    }

    /** The frames of a real clip, {@code first..last} every {@code stride}, as comma-separated paths. */
    static String clipFrames(String clip, int first, int last, int stride) {
        List<String> paths = new ArrayList<>();
        for (int n = first; n <= last; n += stride) {
            paths.add(SharedData.file(String.format("data/video/%s/%06d.jpg", clip, n)).toString());
        }
        return String.join(",", paths);
    }

    static String clipFrame(String clip, int n) {
        return SharedData.file(String.format("data/video/%s/%06d.jpg", clip, n)).toString();
    }

    @Test
    void faces_withABurst_printsEachFacesChallengeReading() throws IOException {
        // a real clip (shared/data/video): the person turns to their left, right, then left again
        String frames = clipFrames("apfol/live_turns_talking", 7, 34, 3);
        String still = clipFrame("apfol/live_turns_talking", 35);

        JsonNode own = JSON.readTree(checked(CliRun.of("faces", still, "--burst", frames, "--steps", "TURN_LEFT,TURN_RIGHT,TURN_LEFT")));
        JsonNode other = JSON.readTree(checked(CliRun.of("faces", still, "--burst", frames, "--steps", "LOOK_UP,TURN_RIGHT,FACE_CAMERA")));

        assertThat(own.get("burst").get("frames").asInt()).isEqualTo(10);
        assertThat(own.get("burst").get("stepStartsMs")).hasSize(3);
        JsonNode followed = own.get("faces").get(0).get("challenge");
        assertThat(followed.get("verdict").asText()).as(followed.toString()).isEqualTo("FOLLOWED");
        assertThat(followed.get("evidence").get("steps")).hasSize(3);
        assertThat(followed.get("evidence").get("steps").get(0).get("measuredDegrees").asDouble()).isGreaterThan(0);
        JsonNode missed = other.get("faces").get(0).get("challenge");
        assertThat(missed.get("verdict").asText()).as(missed.toString()).isNotEqualTo("FOLLOWED");
    }

    @Test
    void faces_withABurstButNoSteps_orAnUnknownStep_isABadArgument() {
        String still = clipFrame("apfol/live_turns_talking", 35);
        CliRun noSteps = CliRun.of("faces", still, "--burst", clipFrame("apfol/live_turns_talking", 34));
        CliRun unknown = CliRun.of("faces", still, "--burst", clipFrame("apfol/live_turns_talking", 34), "--steps", "JUMP");
        assertThat(noSteps.exitCode()).isEqualTo(2);
        assertThat(noSteps.stderr()).contains("BAD_ARGUMENT");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("BAD_ARGUMENT").contains("JUMP");
    }

    private static String checked(CliRun run) {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout();
    }

    @Test
    void compare_samePersonInTwoPhotos_matches_andDifferentPeople_doNot() throws IOException {
        JsonNode same = JSON.readTree(CliRun.of("compare", photo("singles/face_recognition/obama_obama.jpg"),
                photo("singles/face_recognition/obama_obama2.jpg")).stdout());
        JsonNode different = JSON.readTree(CliRun.of("compare", photo("singles/face_recognition/obama_obama.jpg"),
                photo("singles/face_recognition/biden_biden.jpg")).stdout());
        assertThat(same.get("match").asBoolean()).as(same.toString()).isTrue();
        assertThat(different.get("match").asBoolean()).as(different.toString()).isFalse();
        assertThat(same.get("similarity").asDouble()).isGreaterThan(different.get("similarity").asDouble());
        assertThat(same.get("threshold").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void compare_withTheMobileFaceNetEmbedding_matchesTheSamePerson_notAnother_atItsOwnThreshold() throws IOException {
        JsonNode same = JSON.readTree(CliRun.of("compare", "--embedding", "mobilefacenet",
                photo("singles/face_recognition/obama_obama.jpg"), photo("singles/face_recognition/obama_obama2.jpg")).stdout());
        JsonNode different = JSON.readTree(CliRun.of("compare", "--embedding", "mobilefacenet",
                photo("singles/face_recognition/obama_obama.jpg"), photo("singles/face_recognition/biden_biden.jpg")).stdout());
        assertThat(same.get("match").asBoolean()).as(same.toString()).isTrue();
        assertThat(different.get("match").asBoolean()).as(different.toString()).isFalse();
        assertThat(same.get("threshold").asDouble()).isEqualTo(0.49);
        CliRun bad = CliRun.of("compare", "--embedding", "arcface", "a.jpg", "b.jpg");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(JSON.readTree(bad.stderr().strip()).get("code").asText()).isEqualTo("BAD_ARGUMENT");
    }

    @Test
    void comparePairs_runsSixHundredPairsInOneProcess_inInputOrder_andGoesOnPastBadLines(@TempDir Path tmp) throws IOException {
        List<Path> photos;
        try (Stream<Path> files = Files.list(SharedData.file("data/faces/deepface"))) {
            photos = files.filter(p -> p.getFileName().toString().matches("img\\d+\\.jpg")).sorted().toList();
        }
        Path notAnImage = Files.writeString(tmp.resolve("notes.jpg"), "this is text, not a photo");
        List<String> lines = new ArrayList<>();
        for (int i = 0; lines.size() < 598; i++) {
            lines.add(photos.get(i % photos.size()) + "\t" + photos.get((i * 7 + 3) % photos.size()));
        }
        lines.add(photos.get(0) + "\t" + notAnImage);
        lines.add(tmp.resolve("missing.jpg") + "\t" + photos.get(1));
        Path pairs = Files.write(tmp.resolve("pairs.tsv"), lines, StandardCharsets.UTF_8);

        CliRun run = CliRun.of("compare", "--pairs", pairs.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> out = run.stdout().lines().toList();
        assertThat(out).hasSize(600);
        for (int i = 0; i < 600; i++) {
            String[] f = out.get(i).split("\t");
            assertThat(f[0] + "\t" + f[1]).isEqualTo(lines.get(i));
            assertThat(f).hasSize(4);
        }
        assertThat(out.get(598)).endsWith("\tNaN\tfalse");
        assertThat(out.get(599)).endsWith("\tNaN\tfalse");
        // The same photo against itself is a certain match.
        String self = out.stream().filter(l -> l.split("\t")[0].equals(l.split("\t")[1])).findFirst().orElseThrow();
        assertThat(Double.parseDouble(self.split("\t")[2])).isGreaterThan(0.999);
        assertThat(run.stderr()).contains("IMAGE_UNREADABLE");
    }

    @Test
    void unusableImage_exitsWithTwoAndOneJsonLineOnStderr(@TempDir Path tmp) throws IOException {
        Path empty = Files.write(tmp.resolve("empty.jpg"), new byte[0]);
        CliRun run = CliRun.of("faces", empty.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        JsonNode error = JSON.readTree(run.stderr().strip());
        assertThat(error.get("code").asText()).isEqualTo("IMAGE_EMPTY");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(run.stderr()).doesNotContain("\tat ");
    }

    @Test
    void badArguments_exitWithTwoAndAJsonError() throws IOException {
        CliRun run = CliRun.of("compare", "only-one.jpg");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(JSON.readTree(run.stderr().strip()).get("code").asText()).isEqualTo("BAD_ARGUMENT");
        CliRun mode = CliRun.of("faces", "--mode", "fast", photo("singles/face_recognition/obama_obama.jpg"));
        assertThat(mode.exitCode()).isEqualTo(2);
        CliRun lab = CliRun.of("bench", "index", "--size", "10");
        assertThat(lab.exitCode()).as("benchmarks are sadasya-lab's").isEqualTo(2);
    }

    private static String photo(String relative) {
        return SharedData.file("data/faces/" + relative).toString();
    }
}
