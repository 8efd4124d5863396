package org.sadasya.lab.challenge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.sadasya.face.FaceEngine;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.challenge.ChallengeAnalysis;
import org.sadasya.face.challenge.ChallengeEvidence;
import org.sadasya.face.challenge.ChallengeStep;
import org.sadasya.face.challenge.FaceChallengeResult;
import org.sadasya.face.challenge.FaceChallengeVerdict;
import org.sadasya.face.challenge.TrackedBurst;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.image.RgbImage;

/**
 * ISO/IEC 30107-3 figures of the challenge burst analysis: APCER per attack type and BPCER on live
 * clips, real and synthesised apart, each with its count and an exact 95 % interval.
 *
 * <p>Each source (clip or photo) is judged against many seeded tickets drawn as the server draws
 * them, so a count is sources × tickets; the tickets of one source share its frames, so they are
 * not independent samples, and the intervals are narrower than the sources alone would justify.
 * Nothing that set a threshold is judged: the tuning clip ({@code role = tuning} in clips.tsv) and
 * the tuning photos {@link #TUNING_PHOTOS} are left out.
 *
 * <p>An attack burst counts as accepted when any face in it followed the ticket (for the clip with
 * the live owner behind the phone this includes the owner, which can only raise the figure). A
 * burst the analysis cannot read (UNUSABLE: sent to review) is neither accepted nor rejected: it is
 * counted apart and left out of APCER's and BPCER's denominators.
 */
public final class EvaluateChallenge {
    /** The deepface photos the synthesised-attack thresholds were set on. */
    public static final Set<String> TUNING_PHOTOS = Set.of("img1.jpg", "img2.jpg", "img5.jpg");

    /**
     * @param shared           the shared folder (data/video, data/faces/deepface)
     * @param tickets          tickets per real clip
     * @param syntheticTickets tickets per synthesised source (each one is rendered anew)
     * @param photos           deepface photos for the synthesised prints and screens (0: none)
     * @param seed             the ticket draw's seed
     * @param clips            clip folders to judge; empty: all annotated ones
     */
    public record Options(Path shared, int tickets, int syntheticTickets, int photos, long seed, Set<String> clips) {
        public Options {
            if (tickets < 1 || syntheticTickets < 0 || photos < 0) {
                throw new IllegalArgumentException("tickets ≥ 1, synthetic tickets and photos ≥ 0");
            }
            clips = Set.copyOf(clips);
        }
    }

    /** Counts of one figure as they are gathered. */
    private static final class Tally {
        final List<String> sources = new ArrayList<>();
        int presentations;
        int unusable;
        int errors;

        void source(String name) {
            if (!sources.contains(name)) {
                sources.add(name);
            }
        }

        void add(Outcome o, boolean errorIfFollowed) {
            presentations++;
            if (o == Outcome.UNUSABLE) {
                unusable++;
            } else if ((o == Outcome.FOLLOWED) == errorIfFollowed) {
                errors++;
            }
        }

        ErrorRate apcerOrBpcer(String set, String metric, String type, int ticketsPerSource) {
            return new ErrorRate(set, metric, type, sources.size(), ticketsPerSource, presentations, unusable,
                    presentations - unusable, errors);
        }

        ErrorRate review(String set, String type, int ticketsPerSource) {
            return new ErrorRate(set, "REVIEW", type, sources.size(), ticketsPerSource, presentations, unusable,
                    presentations, unusable);
        }
    }

    /** A burst's reading as a whole: accepted if any face followed, else unusable if any face was, else rejected. */
    enum Outcome { FOLLOWED, REJECTED, UNUSABLE }

    private final FaceEngine engine;
    private final ChallengeAnalysis analysis;
    private final Options options;

    public EvaluateChallenge(FaceEngine engine, Options options) {
        this.engine = engine;
        this.analysis = new ChallengeAnalysis(engine);
        this.options = options;
    }

    /** Every figure, real ones first. */
    public List<ErrorRate> run() throws ImageRejectedException {
        List<ErrorRate> out = new ArrayList<>(real());
        out.addAll(synthesised());
        return out;
    }

    private List<ChallengeClip> clips(Predicate<ChallengeClip> which) {
        return ChallengeClip.annotated().stream().filter(c -> !c.tuning())
                .filter(c -> options.clips().isEmpty() || options.clips().contains(c.clip())).filter(which).toList();
    }

    List<ErrorRate> real() throws ImageRejectedException {
        List<ErrorRate> out = new ArrayList<>();
        int n = options.tickets();
        Tally own = new Tally();
        Tally otherSteps = new Tally();
        Tally differentSteps = new Tally();
        Tally stillPerson = new Tally();
        for (ChallengeClip clip : clips(c -> c.live())) {
            // the person of a live clip is the still's face 0 (one person in each): only that face counts
            TrackedBurst burst = analysis.track(engine.analyze(clip.still(options.shared())),
                    decode(clip.frames(options.shared())), List.of(0));
            if (clip.role().equals("follows")) {
                own.source(clip.clip());
                own.add(outcome(burst, clip.ownTiming()), false);
                otherSteps.source(clip.clip());
                differentSteps.source(clip.clip());
                for (List<ChallengeStep> ticket : tickets(clip.clip(), n)) {
                    Outcome o = outcome(burst, clip.timingFor(ticket));
                    otherSteps.add(o, true);
                    if (!ticket.equals(clip.steps())) {
                        differentSteps.add(o, true);
                    }
                }
            } else {
                stillPerson.source(clip.clip());
                for (List<ChallengeStep> ticket : tickets(clip.clip(), n)) {
                    stillPerson.add(outcome(burst, clip.timingFor(ticket)), true);
                }
            }
        }
        for (String type : List.of("print-moved", "screen-photo", "screen-video")) {
            Tally t = new Tally();
            for (ChallengeClip clip : clips(c -> c.role().equals(type))) {
                t.source(clip.clip());
                TrackedBurst burst = trackAll(engine.analyze(clip.still(options.shared())), decode(clip.frames(options.shared())));
                for (List<ChallengeStep> ticket : tickets(clip.clip(), n)) {
                    t.add(outcome(burst, clip.timingFor(ticket)), true);
                }
            }
            out.add(t.apcerOrBpcer("real", "APCER", type, n));
        }
        out.add(otherSteps.apcerOrBpcer("real", "APCER", "live-video-other-steps", n));
        // the same without the tickets that happen to ask exactly what the clip does (a replay then
        // follows by chance): what remains are the analysis' own mistakes
        out.add(differentSteps.apcerOrBpcer("real", "APCER", "live-video-other-steps-ticket-differs", n));
        out.add(stillPerson.apcerOrBpcer("real", "APCER", "live-video-still-person", n));
        out.add(own.apcerOrBpcer("real", "BPCER", "live-own-steps", 1));
        out.add(own.review("real", "live-own-steps", 1));
        return out;
    }

    List<ErrorRate> synthesised() throws ImageRejectedException {
        List<ErrorRate> out = new ArrayList<>();
        int n = options.syntheticTickets();
        if (n == 0) {
            return out;
        }
        Tally printStill = new Tally();
        Tally printMoved = new Tally();
        Tally screenPhoto = new Tally();
        Tally screenVideo = new Tally();
        Tally screenVideoDiffers = new Tally();
        for (Path photo : photos()) {
            String name = photo.getFileName().toString();
            RgbImage picture = decode(List.of(read(photo))).get(0);
            PresentedSurface surface = new PresentedSurface(picture, 640, 480, 0.6);
            long seed = options.seed() ^ name.hashCode();
            for (List<ChallengeStep> ticket : tickets(name, n)) {
                BurstTiming timing = SynthesisedBursts.timing(ticket);
                printStill.source(name);
                printStill.add(judgeRendered(SynthesisedBursts.render(surface, PresentedSurface.Look.print(),
                        SynthesisedBursts.hand(timing, false, seed), seed), timing), true);
                printMoved.source(name);
                printMoved.add(judgeRendered(SynthesisedBursts.render(surface, PresentedSurface.Look.print().withBend(0.15),
                        SynthesisedBursts.hand(timing, true, seed), seed), timing), true);
                screenPhoto.source(name);
                screenPhoto.add(judgeRendered(SynthesisedBursts.render(surface, PresentedSurface.Look.screen().withRollingShutter(0.3),
                        SynthesisedBursts.hand(timing, true, seed), seed), timing), true);
                seed++;
            }
        }
        // a screen replaying a live clip that performed its own steps, judged against other tickets
        for (ChallengeClip clip : clips(c -> c.role().equals("follows"))) {
            List<RgbImage> video = decode(clip.frames(options.shared()));
            long seed = options.seed() ^ clip.clip().hashCode();
            for (List<ChallengeStep> ticket : tickets(clip.clip(), n)) {
                BurstTiming timing = clip.timingFor(ticket);
                Outcome o = judgeRendered(SynthesisedBursts.renderVideo(video, 640, 480, 0.8, PresentedSurface.Look.screen(),
                        SynthesisedBursts.hand(timing, false, seed), seed), timing);
                screenVideo.source(clip.clip());
                screenVideo.add(o, true);
                screenVideoDiffers.source(clip.clip());
                if (!ticket.equals(clip.steps())) {
                    screenVideoDiffers.add(o, true);
                }
                seed++;
            }
        }
        out.add(printStill.apcerOrBpcer("synthesised", "APCER", "print-still", n));
        out.add(printMoved.apcerOrBpcer("synthesised", "APCER", "print-moved", n));
        out.add(screenPhoto.apcerOrBpcer("synthesised", "APCER", "screen-photo", n));
        out.add(screenVideo.apcerOrBpcer("synthesised", "APCER", "screen-video", n));
        out.add(screenVideoDiffers.apcerOrBpcer("synthesised", "APCER", "screen-video-ticket-differs", n));
        return out;
    }

    /** The deepface photos outside the tuning set, in name order, at most {@code photos} of them. */
    private List<Path> photos() {
        Path folder = options.shared().resolve("data/faces/deepface");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("img\\d+\\.jpg"))
                    .filter(p -> !TUNING_PHOTOS.contains(p.getFileName().toString()))
                    .sorted().limit(options.photos()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** Tickets for one source: seeded by the source's name, so that adding a source changes no other's. */
    private List<List<ChallengeStep>> tickets(String source, int count) {
        return TicketDraw.draw(options.seed() ^ source.hashCode(), count);
    }

    private Outcome judgeRendered(List<RgbImage> frames, BurstTiming timing) {
        ImageAnalysis still = engine.analyze(frames.get(frames.size() - 1));
        return outcome(trackAll(still, frames), timing);
    }

    private TrackedBurst trackAll(ImageAnalysis still, List<RgbImage> frames) {
        List<Integer> faces = new ArrayList<>();
        for (int i = 0; i < still.faces().size(); i++) {
            faces.add(i);
        }
        return analysis.track(still, frames, faces);
    }

    /** A burst without a face in its still goes to review like one whose face was lost. */
    private Outcome outcome(TrackedBurst burst, BurstTiming timing) {
        if (burst.faces().isEmpty()) {
            return Outcome.UNUSABLE;
        }
        ChallengeEvidence e = analysis.judge(burst, timing);
        List<FaceChallengeVerdict> verdicts = e.faces().stream().map(FaceChallengeResult::verdict).toList();
        if (verdicts.contains(FaceChallengeVerdict.FOLLOWED)) {
            return Outcome.FOLLOWED;
        }
        return verdicts.contains(FaceChallengeVerdict.UNUSABLE) ? Outcome.UNUSABLE : Outcome.REJECTED;
    }

    private List<RgbImage> decode(List<byte[]> encoded) throws ImageRejectedException {
        List<RgbImage> out = new ArrayList<>();
        for (byte[] b : encoded) {
            out.add(engine.intake().decode(b).image());
        }
        return out;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
