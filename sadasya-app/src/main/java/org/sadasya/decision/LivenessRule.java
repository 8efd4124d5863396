package org.sadasya.decision;

import static org.sadasya.decision.ReasonCode.LIVENESS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.ImageLiveness;
import org.sadasya.face.LivenessVerdict;
import org.sadasya.face.challenge.ChallengeEvidence;
import org.sadasya.face.challenge.FaceChallengeResult;
import org.sadasya.face.challenge.FaceChallengeVerdict;

/**
 * The LIVENESS rule for the counted faces (DESIGN.md, "Verification rules" and "Capture and
 * challenge"). Two kinds of evidence meet here:
 * <ul>
 *   <li>the single-image detector per face and for the whole image (recapture cues); it does not
 *       generalise to attack sources it was not trained on, so it alone can never make a face live
 *       while a challenge is required;</li>
 *   <li>the challenge burst: each face followed the ticket's steps and moved like a head.</li>
 * </ul>
 * The decision, in order:
 * <ol>
 *   <li>a counted face moved like a plane, or did not follow the steps, while the frames were good → REJECT;</li>
 *   <li>valid ticket and every counted face followed → PASS (outweighing the detector's doubt), except
 *       that a detector's SPOOF against a followed challenge is a disagreement a person resolves → REVIEW;</li>
 *   <li>otherwise the detector's outcome, but never better than REVIEW when the burst was unusable,
 *       when the ticket is not valid (forged, another worker's, expired, late, used…), or when there
 *       is no ticket and {@code requireChallenge} holds.</li>
 * </ol>
 * The evidence always carries {@code challengeId} (or null), {@code burstFrames}, {@code ticket}
 * and the deciding {@code reason} (a key: worker-facing text is {@code liveness.reason.<key>} in
 * messages(_hi).properties), and per analysed face its verdict, reason and measurements.
 */
final class LivenessRule {

    /** What the enrolment's challenge came to: its id, the ticket's status, and the burst's reading (or null). */
    record ChallengeReading(String challengeId, TicketStatus ticket, ChallengeEvidence evidence) {
        static ChallengeReading none() {
            return new ChallengeReading(null, TicketStatus.NO_TICKET, null);
        }
    }

    private final boolean requireChallenge;

    LivenessRule(boolean requireChallenge) {
        this.requireChallenge = requireChallenge;
    }

    RuleResult evaluate(List<FaceObservation> counted, ImageAnalysis analysis, ChallengeReading reading) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("challengeId", reading.challengeId());
        ev.put("burstFrames", reading.evidence() == null ? 0 : reading.evidence().burstFrames());
        ev.put("ticket", reading.ticket().name());
        if (counted.isEmpty()) {
            return result(Outcome.REJECT, "NO_FACE", ev);
        }
        SingleImage single = singleImage(counted, analysis, ev);
        List<FaceChallengeResult> faces = reading.evidence() == null ? List.of() : reading.evidence().faces();
        if (reading.evidence() != null) {
            ev.put("faces", faces.stream().map(LivenessRule::faceEvidence).toList());
        }
        for (FaceChallengeResult f : faces) {
            if (f.verdict() == FaceChallengeVerdict.PLANAR) {
                return result(Outcome.REJECT, "CHALLENGE_PLANAR", ev);
            }
        }
        for (FaceChallengeResult f : faces) {
            if (f.verdict() == FaceChallengeVerdict.NOT_FOLLOWED) {
                return result(Outcome.REJECT, "CHALLENGE_NOT_FOLLOWED", ev);
            }
        }
        boolean ticketValid = reading.ticket() == TicketStatus.TICKET_VALID;
        boolean allFollowed = faces.size() == counted.size()
                && faces.stream().allMatch(f -> f.verdict() == FaceChallengeVerdict.FOLLOWED);
        if (ticketValid && allFollowed) {
            return single.verdict == LivenessVerdict.SPOOF ? result(Outcome.REVIEW, "DETECTOR_DISAGREES", ev)
                    : result(Outcome.PASS, "CHALLENGE_FOLLOWED", ev);
        }
        Outcome cap = Outcome.REVIEW;
        String capReason;
        if (ticketValid) {
            capReason = "CHALLENGE_UNUSABLE";
        } else if (reading.ticket() != TicketStatus.NO_TICKET) {
            capReason = reading.ticket().name();
        } else if (requireChallenge) {
            capReason = TicketStatus.NO_TICKET.name();
        } else {
            cap = Outcome.PASS;
            capReason = null;
        }
        Outcome detector = switch (single.verdict) {
            case LIVE -> Outcome.PASS;
            case DOUBT -> Outcome.REVIEW;
            case SPOOF -> Outcome.REJECT;
        };
        if (capReason == null || detector.compareTo(cap) > 0) {
            return result(detector, single.reason(), ev);
        }
        return result(cap, capReason, ev);
    }

    private static Map<String, Object> faceEvidence(FaceChallengeResult f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("face", f.face());
        m.put("verdict", f.verdict().name());
        m.put("followed", f.verdict() == FaceChallengeVerdict.FOLLOWED);
        m.put("reason", f.reason());
        m.put("evidence", f.evidence());
        return m;
    }

    private static RuleResult result(Outcome outcome, String reason, Map<String, Object> ev) {
        ev.put("reason", reason);
        return new RuleResult(LIVENESS, outcome, detail(reason), ev);
    }

    /** The reviewer's and the log's short English; a worker reads {@code liveness.reason.<key>}. */
    private static String detail(String reason) {
        return switch (reason) {
            case "NO_FACE" -> "no face to check";
            case "CHALLENGE_FOLLOWED" -> "both faces followed the challenge and moved like heads";
            case "CHALLENGE_PLANAR" -> "a face moved like a flat picture, not a head";
            case "CHALLENGE_NOT_FOLLOWED" -> "a face did not follow the challenge's steps";
            case "CHALLENGE_UNUSABLE" -> "the challenge frames could not show whether the faces followed";
            case "DETECTOR_DISAGREES" -> "the challenge was followed, but the photo detector sees a photo or screen";
            case "NO_TICKET" -> "no challenge ticket: a person must check liveness";
            case "TICKET_FORGED" -> "the challenge ticket is not genuine";
            case "TICKET_OTHER_WORKER" -> "the challenge ticket belongs to another worker";
            case "TICKET_STEPS_CHANGED" -> "the challenge's steps differ from the ticket's";
            case "TICKET_UNKNOWN" -> "the challenge ticket has no record of issue";
            case "TICKET_EXPIRED" -> "the capture was made after the challenge ticket expired";
            case "TICKET_ARRIVED_LATE" -> "the capture arrived too long after the challenge ticket expired";
            case "TICKET_USED" -> "the challenge ticket was already used by another enrolment";
            case "SINGLE_IMAGE_LIVE" -> "every face looks live";
            case "SINGLE_IMAGE_DOUBT" -> "a face may be a photo or a screen";
            case "SINGLE_IMAGE_SPOOF" -> "a face is a photo or a screen, not a person";
            case "RECAPTURE_DOUBT" -> "the photo may be of a photo or a screen";
            case "RECAPTURE_SPOOF" -> "the photo is of a photo or a screen";
            default -> throw new IllegalArgumentException("no detail for " + reason);
        };
    }

    /** Every reason key the rule can give (each has worker-facing text in both languages). */
    static final List<String> REASONS = List.of("NO_FACE", "CHALLENGE_FOLLOWED", "CHALLENGE_PLANAR",
            "CHALLENGE_NOT_FOLLOWED", "CHALLENGE_UNUSABLE", "DETECTOR_DISAGREES", "NO_TICKET", "TICKET_FORGED",
            "TICKET_OTHER_WORKER", "TICKET_STEPS_CHANGED", "TICKET_UNKNOWN", "TICKET_EXPIRED", "TICKET_ARRIVED_LATE",
            "TICKET_USED", "SINGLE_IMAGE_LIVE", "SINGLE_IMAGE_DOUBT", "SINGLE_IMAGE_SPOOF", "RECAPTURE_DOUBT",
            "RECAPTURE_SPOOF");

    private record SingleImage(LivenessVerdict verdict, boolean wholeImage) {
        String reason() {
            // wholeImage holds only when the image's verdict made things worse, so never with LIVE
            return (wholeImage ? "RECAPTURE_" : "SINGLE_IMAGE_") + verdict.name();
        }
    }

    /**
     * Each counted face, and the whole image: the engine's image verdict is the worst over every
     * face and the whole-image recapture cues, so it counts here only where it is worse than every
     * face's own verdict (then the whole image caused it, not a small background face).
     */
    private static SingleImage singleImage(List<FaceObservation> counted, ImageAnalysis analysis,
            Map<String, Object> ev) {
        LivenessVerdict worst = LivenessVerdict.LIVE;
        double maxSpoof = 0;
        List<Double> scores = new ArrayList<>();
        for (FaceObservation f : counted) {
            if (f.liveness() == null) {
                worst = worse(worst, LivenessVerdict.DOUBT);
                continue;
            }
            scores.add(round(f.liveness().spoofScore()));
            maxSpoof = Math.max(maxSpoof, f.liveness().spoofScore());
            worst = worse(worst, f.liveness().verdict());
        }
        ev.put("spoofScores", scores);
        ev.put("maxSpoofScore", round(maxSpoof));
        boolean wholeImage = false;
        ImageLiveness image = analysis.liveness();
        if (image != null && image.verdict().isPresent()) {
            LivenessVerdict anyFace = LivenessVerdict.LIVE;
            for (FaceObservation f : analysis.faces()) {
                anyFace = worse(anyFace, f.liveness() == null ? LivenessVerdict.LIVE : f.liveness().verdict());
            }
            LivenessVerdict imageVerdict = image.verdict().get();
            if (worse(anyFace, imageVerdict) != anyFace) {
                wholeImage = worse(worst, imageVerdict) != worst;
                worst = worse(worst, imageVerdict);
            }
            if (!Double.isNaN(image.imageScore())) {
                ev.put("imageSpoofScore", round(image.imageScore()));
            }
            if (!image.notes().isEmpty()) {
                ev.put("notes", image.notes());
            }
        }
        return new SingleImage(worst, wholeImage);
    }

    private static LivenessVerdict worse(LivenessVerdict a, LivenessVerdict b) {
        if (a == LivenessVerdict.SPOOF || b == LivenessVerdict.SPOOF) {
            return LivenessVerdict.SPOOF;
        }
        return a == LivenessVerdict.DOUBT || b == LivenessVerdict.DOUBT ? LivenessVerdict.DOUBT : LivenessVerdict.LIVE;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
