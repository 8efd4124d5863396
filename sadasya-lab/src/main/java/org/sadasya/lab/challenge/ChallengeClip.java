package org.sadasya.lab.challenge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.challenge.ChallengeStep;

/**
 * One annotated burst cut from a real clip of {@code shared/data/video} (the annotation file says
 * which frames and what the person does; see its header).
 *
 * @param clip          folder under {@code data/video}
 * @param fps           the clip's stored frame rate
 * @param frameNumbers  the burst's frames, in order
 * @param stillNumber   the frame taken as the still
 * @param role          {@code follows}, {@code still}, {@code tuning}, or the attack type
 * @param steps         the steps the clip actually performs (empty unless it performs some)
 * @param stepStartsMs  when each starts, ms from the burst's first frame
 */
public record ChallengeClip(String clip, int fps, List<Integer> frameNumbers, int stillNumber, String role,
        List<ChallengeStep> steps, List<Long> stepStartsMs) {

    public ChallengeClip {
        frameNumbers = List.copyOf(frameNumbers);
        steps = List.copyOf(steps);
        stepStartsMs = List.copyOf(stepStartsMs);
        if (steps.size() != stepStartsMs.size()) {
            throw new IllegalArgumentException(clip + ": one start per step");
        }
    }

    public boolean live() {
        return role.equals("follows") || role.equals("still") || role.equals("tuning");
    }

    /** Frame times as the phone would report them, ms from the first frame. */
    public List<Long> frameTimesMs() {
        List<Long> t = new ArrayList<>();
        for (int n : frameNumbers) {
            t.add(Math.round((n - frameNumbers.get(0)) * 1000.0 / fps));
        }
        return t;
    }

    /** The clip's own steps with the clip's frame times. */
    public BurstTiming ownTiming() {
        return new BurstTiming(steps, stepStartsMs, frameTimesMs());
    }

    /** Other steps shown evenly over the burst, as a phone would show a ticket's steps. */
    public BurstTiming timingFor(List<ChallengeStep> ticket) {
        long span = frameTimesMs().get(frameTimesMs().size() - 1);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < ticket.size(); i++) {
            starts.add(Math.round(i * (double) span / ticket.size()));
        }
        return new BurstTiming(ticket, starts, frameTimesMs());
    }

    public List<byte[]> frames(Path shared) {
        List<byte[]> out = new ArrayList<>();
        for (int n : frameNumbers) {
            out.add(read(shared, n));
        }
        return out;
    }

    public byte[] still(Path shared) {
        return read(shared, stillNumber);
    }

    private byte[] read(Path shared, int n) {
        Path p = shared.resolve("data/video").resolve(clip).resolve(String.format("%06d.jpg", n));
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** The bursts annotated in {@code clips.tsv} beside this class. */
    public static List<ChallengeClip> annotated() {
        try (java.io.InputStream in = ChallengeClip.class.getResourceAsStream("clips.tsv")) {
            if (in == null) {
                throw new IllegalStateException("clips.tsv is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the clip set the thresholds (it is never judged in a reported figure). */
    public boolean tuning() {
        return role.equals("tuning");
    }

    /** Parses the annotation file (tab-separated, '#' comments). */
    public static List<ChallengeClip> parse(List<String> lines) {
        List<ChallengeClip> clips = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            int first = Integer.parseInt(c[2]);
            int last = Integer.parseInt(c[3]);
            int stride = Integer.parseInt(c[4]);
            List<Integer> numbers = new ArrayList<>();
            for (int n = first; n <= last; n += stride) {
                numbers.add(n);
            }
            List<ChallengeStep> steps = c.length > 7 && !c[7].isBlank()
                    ? Arrays.stream(c[7].split(",")).map(ChallengeStep::valueOf).toList() : List.of();
            List<Long> starts = c.length > 8 && !c[8].isBlank()
                    ? Arrays.stream(c[8].split(",")).map(Long::valueOf).toList() : List.of();
            clips.add(new ChallengeClip(c[0], Integer.parseInt(c[1]), numbers, Integer.parseInt(c[5]), c[6], steps, starts));
        }
        return clips;
    }

    /**
     * The tickets every clip is also judged against: a spread of step sequences of the kind the
     * server draws (three steps), fixed so that results are reproducible.
     */
    public static final List<List<ChallengeStep>> OTHER_TICKETS = List.of(
            List.of(ChallengeStep.LOOK_UP, ChallengeStep.TURN_LEFT, ChallengeStep.FACE_CAMERA),
            List.of(ChallengeStep.TURN_RIGHT, ChallengeStep.LOOK_UP, ChallengeStep.TURN_LEFT),
            List.of(ChallengeStep.TURN_LEFT, ChallengeStep.FACE_CAMERA, ChallengeStep.TURN_RIGHT),
            List.of(ChallengeStep.TURN_RIGHT, ChallengeStep.TURN_LEFT, ChallengeStep.LOOK_UP),
            List.of(ChallengeStep.FACE_CAMERA, ChallengeStep.TURN_RIGHT, ChallengeStep.LOOK_UP),
            List.of(ChallengeStep.TURN_LEFT, ChallengeStep.LOOK_UP, ChallengeStep.TURN_RIGHT));
}
