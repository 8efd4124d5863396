package org.sadasya.decision;

import static org.sadasya.decision.ReasonCode.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.sadasya.decision.CaptureTimeReader.CaptureTime;
import org.sadasya.decision.ImageFingerprints.FingerprintMatch;
import org.sadasya.decision.MemberFaceIndex.FaceMatch;
import org.sadasya.decision.MemberRepository.MemberRef;
import org.sadasya.face.FaceBox;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.Similarity;
import org.sadasya.face.image.ImageRejectedException;

/**
 * The use case that decides an enrolment: runs every rule of DESIGN.md over the photo and the
 * claimed details and combines the outcomes (any reject → REJECTED, else any review → REVIEW, else
 * ACCEPTED). Pure domain code: it sees the world only through its ports.
 */
public final class DecideEnrollment {

    private final FaceAnalyzer analyzer;
    private final MemberFaceIndex faceIndex;
    private final MemberRepository members;
    private final ImageFingerprints fingerprints;
    private final CaptureTimeReader captureTimes;
    private final ChallengeTickets tickets;
    private final Clock clock;
    private final VerificationPolicy policy;
    private final LivenessRule liveness;

    public DecideEnrollment(FaceAnalyzer analyzer, MemberFaceIndex faceIndex, MemberRepository members,
            ImageFingerprints fingerprints, CaptureTimeReader captureTimes, ChallengeTickets tickets, Clock clock,
            VerificationPolicy policy) {
        this.analyzer = Objects.requireNonNull(analyzer);
        this.faceIndex = Objects.requireNonNull(faceIndex);
        this.members = Objects.requireNonNull(members);
        this.fingerprints = Objects.requireNonNull(fingerprints);
        this.captureTimes = Objects.requireNonNull(captureTimes);
        this.tickets = Objects.requireNonNull(tickets);
        this.clock = Objects.requireNonNull(clock);
        this.policy = Objects.requireNonNull(policy);
        this.liveness = new LivenessRule(policy.requireChallenge());
    }

    public Decision decide(EnrollmentCase c) {
        List<RuleResult> results = new ArrayList<>();
        // The ticket is judged (and claimed) first, so that it is used even when the photo is not.
        TicketStatus ticket = c.challenge() == null ? TicketStatus.NO_TICKET
                : tickets.redeem(c.workerId(), c.submissionId(), c.challenge(),
                        c.claimedCapture() == null ? c.receivedAt() : c.claimedCapture(), c.receivedAt());
        OptionalLong hash = fingerprints.fingerprint(c.photo());
        ImageAnalysis analysis;
        try {
            analysis = analyzer.analyze(c.photo());
        } catch (ImageRejectedException e) {
            results.add(RuleResult.reject(IMAGE_UNUSABLE, "the photo cannot be used: " + e.code(),
                    Map.of("imageCode", e.code().name())));
            return Decision.of(results, null, null, hash);
        }
        double threshold = analyzer.matchThreshold(analysis.modelVersion());
        FaceSelection faces = FaceSelection.of(analysis.faces(), policy, 2);

        // The worker is the counted face most like the worker's references (even when too unlike to
        // pass WORKER_MATCH); the other counted face is the member, checked against enrolled members
        // in every case, so that a known member is reported even in a photo that fails other rules.
        List<float[]> references = c.workerReferences().of(analysis.modelVersion());
        Pair pair = assign(faces.counted(), references);
        results.add(faceCount(faces, pair, analysis));
        FaceObservation memberFace = pair.other;
        if (references.isEmpty()) {
            results.add(RuleResult.review(WORKER_MATCH, "the worker has no reference face enrolled", Map.of()));
        } else if (pair.worker != null) {
            results.add(workerMatch(pair, threshold));
            if (memberFace != null) {
                results.add(memberIsNotWorker(pair, threshold));
            }
        }
        results.add(liveness.evaluate(faces.counted(), analysis, challengeReading(c, ticket, analysis, faces.counted())));
        if (memberFace != null) {
            results.add(duplicateFace(analysis.modelVersion(), memberFace.embedding(), threshold,
                    DuplicateTiers.localUnitOf(c.boothPath())));
        }
        results.add(details(c));
        results.add(fieldPresence(c));
        hash.ifPresent(h -> results.add(imageReuse(h, c.submissionId())));
        results.add(captureTime(c));
        return Decision.of(results, memberFace == null ? null : memberFace.embedding(), analysis.modelVersion(), hash,
                memberFace == null ? null : fractionOf(memberFace.box(), analysis));
    }

    /** The box as fractions of the analysed image's size, clipped to the image. */
    private static FaceBox fractionOf(FaceBox box, ImageAnalysis analysis) {
        double w = analysis.width();
        double h = analysis.height();
        if (!(w > 0) || !(h > 0)) {
            return null;
        }
        double x1 = Math.max(0, box.x() / w);
        double y1 = Math.max(0, box.y() / h);
        double x2 = Math.min(1, box.x2() / w);
        double y2 = Math.min(1, box.y2() / h);
        return x2 > x1 && y2 > y1 ? FaceBox.ofCorners(x1, y1, x2, y2) : null;
    }

    /**
     * The last duplicate check of an accepted decision, made while member issuing is locked: a
     * member enrolled by another verifier since {@link #decide} turns the decision into a
     * DUPLICATE_FACE rejection (or review, within the margin).
     */
    public Decision recheckDuplicate(Decision d, String boothPath) {
        if (d.verdict() != Verdict.ACCEPTED) {
            return d;
        }
        return lastDuplicateCheck(d.modelVersion(), d.memberEmbedding(), boothPath, 1, m -> true)
                .map(found -> withDuplicate(d, found)).orElse(d);
    }

    /**
     * The DUPLICATE_FACE finding against the most similar of the {@code k} nearest members that
     * {@code counts} (call with member issuing locked), when it is similar enough to doubt: empty when
     * no such member looks alike.
     */
    public Optional<RuleResult> lastDuplicateCheck(String modelVersion, float[] embedding, String boothPath, int k,
            java.util.function.Predicate<FaceMatch> counts) {
        DuplicateTiers tiers = tiers(modelVersion, analyzer.matchThreshold(modelVersion));
        String local = DuplicateTiers.localUnitOf(boothPath);
        Optional<RuleResult> state = faceIndex.nearest(modelVersion, embedding, k).stream()
                .filter(m -> m.similarity() >= tiers.stateReview())
                .filter(counts)
                .findFirst()
                .map(m -> duplicateOutcome(m, null, tiers, local, List.of()));
        Optional<RuleResult> nearby = local == null || !tiers.hasLocalTier() ? Optional.empty()
                : faceIndex.nearestWithin(modelVersion, embedding, k, local).stream()
                        .filter(m -> m.similarity() >= tiers.localReview())
                        .filter(counts)
                        .findFirst()
                        .map(m -> duplicateOutcome(null, m, tiers, local, List.of()));
        return worse(state, nearby);
    }

    private static Optional<RuleResult> worse(Optional<RuleResult> a, Optional<RuleResult> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isPresent() ? a : b;
        }
        return a.get().outcome().compareTo(b.get().outcome()) >= 0 ? a : b;
    }

    private DuplicateTiers tiers(String modelVersion, double match) {
        return DuplicateTiers.of(modelVersion, match, policy.duplicateReviewMargin());
    }

    /** {@code d} with its DUPLICATE_FACE outcome replaced by {@code found}, the verdict combined again. */
    public static Decision withDuplicate(Decision d, RuleResult found) {
        List<RuleResult> reasons = new ArrayList<>();
        for (RuleResult r : d.reasons()) {
            reasons.add(r.code() == DUPLICATE_FACE ? found : r);
        }
        return Decision.of(reasons, d.memberEmbedding(), d.modelVersion(), d.perceptualHash(), d.memberFaceBox());
    }

    private RuleResult faceCount(FaceSelection faces, Pair pair, ImageAnalysis analysis) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("faces", faces.counted().size());
        ev.put("ignoredFaces", faces.ignored().size());
        ev.put("boxes", boxes(faces.counted(), pair, analysis));
        if (faces.counted().size() < 2) {
            return RuleResult.reject(FACE_COUNT, "found " + faces.counted().size() + " clear face(s), need worker and member", ev);
        }
        if (faces.similarThirdFace()) {
            return RuleResult.review(FACE_COUNT, "a third face of similar size: who is the member?", ev);
        }
        return RuleResult.pass(FACE_COUNT, faces.ignored().isEmpty()
                ? "two clear faces"
                : "two clear faces; " + faces.ignored().size() + " small background face(s) ignored", ev);
    }

    /**
     * Where each counted face is, for a reviewer's eye: in counting order (LIVENESS's {@code face}
     * numbers), as fractions of the photo, with the role the verifier gave it (WORKER, MEMBER, or
     * none without the worker's references) and the single-image detector's verdict.
     */
    private static List<Map<String, Object>> boxes(List<FaceObservation> counted, Pair pair, ImageAnalysis analysis) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < counted.size(); i++) {
            FaceObservation f = counted.get(i);
            FaceBox box = fractionOf(f.box(), analysis);
            if (box == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("face", i);
            if (f == pair.worker) {
                m.put("role", "WORKER");
            } else if (f == pair.other) {
                m.put("role", "MEMBER");
            }
            m.put("x", round(box.x()));
            m.put("y", round(box.y()));
            m.put("width", round(box.width()));
            m.put("height", round(box.height()));
            if (f.liveness() != null) {
                m.put("singleImage", f.liveness().verdict().name());
                m.put("spoofScore", round(f.liveness().spoofScore()));
            }
            out.add(m);
        }
        return out;
    }

    /** Worker = the counted face most similar to the worker's references; the other counted face is the member. */
    private static Pair assign(List<FaceObservation> counted, List<float[]> references) {
        Pair p = new Pair();
        if (references.isEmpty() || counted.isEmpty()) {
            return p;
        }
        double[] sims = new double[counted.size()];
        int best = 0;
        for (int i = 0; i < counted.size(); i++) {
            sims[i] = bestSimilarity(counted.get(i).embedding(), references);
            if (sims[i] > sims[best]) {
                best = i;
            }
        }
        p.worker = counted.get(best);
        p.workerSimilarity = sims[best];
        if (counted.size() > 1) {
            int other = best == 0 ? 1 : 0;
            p.other = counted.get(other);
            p.otherSimilarity = sims[other];
        }
        return p;
    }

    private static double bestSimilarity(float[] embedding, List<float[]> references) {
        double best = -1;
        for (float[] ref : references) {
            best = Math.max(best, Similarity.cosine(embedding, ref));
        }
        return best;
    }

    private RuleResult workerMatch(Pair pair, double threshold) {
        Map<String, Object> ev = Map.of("similarity", round(pair.workerSimilarity), "threshold", round(threshold));
        return pair.workerSimilarity >= threshold
                ? RuleResult.pass(WORKER_MATCH, "the worker is in the photo", ev)
                : RuleResult.reject(WORKER_MATCH, "the logged-in worker is not in the photo", ev);
    }

    private RuleResult memberIsNotWorker(Pair pair, double threshold) {
        Map<String, Object> ev = Map.of("similarity", round(pair.otherSimilarity), "threshold", round(threshold));
        return pair.otherSimilarity >= threshold
                ? RuleResult.reject(MEMBER_IS_NOT_WORKER, "the member's face is the worker's own face", ev)
                : RuleResult.pass(MEMBER_IS_NOT_WORKER, "the member is another person", ev);
    }

    /**
     * The burst's reading of the counted faces, when the capture followed a challenge. It is read
     * even when the ticket is not valid: a face that moved like a plane is a reason to reject
     * whatever the ticket, and the reviewer sees the measurements.
     */
    private LivenessRule.ChallengeReading challengeReading(EnrollmentCase c, TicketStatus ticket,
            ImageAnalysis analysis, List<FaceObservation> counted) {
        if (c.challenge() == null) {
            return LivenessRule.ChallengeReading.none();
        }
        if (c.burst().isEmpty() || counted.isEmpty()) {
            return new LivenessRule.ChallengeReading(c.challenge().challengeId(), ticket, null);
        }
        List<Integer> indices = new ArrayList<>();
        for (FaceObservation f : counted) {
            for (int i = 0; i < analysis.faces().size(); i++) {
                if (analysis.faces().get(i) == f) {
                    indices.add(i);
                }
            }
        }
        return new LivenessRule.ChallengeReading(c.challenge().challengeId(), ticket,
                analyzer.challenge(analysis, c.burst(), c.challenge().timing(), indices));
    }

    /**
     * The member's face against the state's members at the state-wide thresholds and against the
     * sector's at the local ones (DuplicateTiers); the graver finding wins.
     */
    private RuleResult duplicateFace(String modelVersion, float[] member, double match, String localUnit) {
        DuplicateTiers tiers = tiers(modelVersion, match);
        List<FaceMatch> state = byLikeness(faceIndex.nearest(modelVersion, member, MAX_CANDIDATES));
        List<FaceMatch> nearby = localUnit == null || !tiers.hasLocalTier() ? List.of()
                : byLikeness(faceIndex.nearestWithin(modelVersion, member, MAX_CANDIDATES, localUnit));
        if (state.isEmpty() && nearby.isEmpty()) {
            return RuleResult.pass(DUPLICATE_FACE, "no enrolled member looks alike",
                    Map.of("threshold", round(tiers.stateReject())));
        }
        return duplicateOutcome(state.isEmpty() ? null : state.get(0), nearby.isEmpty() ? null : nearby.get(0),
                tiers, localUnit, candidates(state, nearby, tiers));
    }

    /** How many lookalike members a decision lists for the reviewer. */
    static final int MAX_CANDIDATES = 5;

    private static List<FaceMatch> byLikeness(List<FaceMatch> matches) {
        return matches.stream().sorted(java.util.Comparator.comparingDouble(FaceMatch::similarity).reversed()).toList();
    }

    /**
     * Every member who looks alike enough to doubt, by their own tier (sector members from the
     * sector's review point, others from the state-wide one), most alike first: what a reviewer
     * compares the face with, not only the nearest.
     */
    private static List<Map<String, Object>> candidates(List<FaceMatch> state, List<FaceMatch> nearby, DuplicateTiers tiers) {
        Map<String, Map<String, Object>> byMember = new LinkedHashMap<>();
        for (FaceMatch m : nearby) {
            if (m.similarity() >= tiers.localReview()) {
                byMember.putIfAbsent(m.memberCode(), candidate(m, "sector"));
            }
        }
        for (FaceMatch m : state) {
            if (m.similarity() >= tiers.stateReview()) {
                byMember.putIfAbsent(m.memberCode(), candidate(m, "state"));
            }
        }
        return byMember.values().stream()
                .sorted(java.util.Comparator.comparingDouble((Map<String, Object> c) -> (Double) c.get("similarity")).reversed())
                .limit(MAX_CANDIDATES).toList();
    }

    private static Map<String, Object> candidate(FaceMatch m, String searched) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("memberId", m.memberCode());
        c.put("similarity", round(m.similarity()));
        c.put("searched", searched);
        return c;
    }

    /** The finding of the nearest member state-wide and the nearest in the sector (either may be null). */
    private static RuleResult duplicateOutcome(FaceMatch state, FaceMatch nearby, DuplicateTiers tiers, String localUnit,
            List<Map<String, Object>> candidates) {
        Outcome byState = state == null ? Outcome.PASS : outcome(state.similarity(), tiers.stateReview(), tiers.stateReject());
        Outcome byNearby = nearby == null || localUnit == null ? Outcome.PASS
                : outcome(nearby.similarity(), tiers.localReview(), tiers.localReject());
        boolean local = byNearby.compareTo(byState) > 0;
        FaceMatch m = local ? nearby : state != null ? state : nearby;
        Outcome o = local ? byNearby : byState;
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("similarity", round(m.similarity()));
        ev.put("threshold", round(local ? tiers.localReject() : tiers.stateReject()));
        ev.put("reviewFrom", round(local ? tiers.localReview() : tiers.stateReview()));
        ev.put("searched", local ? "sector" : "state");
        if (o != Outcome.PASS) {
            ev.put("matchedMemberId", m.memberCode());
            ev.put("candidates", candidates.isEmpty() ? List.of(candidate(m, local ? "sector" : "state")) : candidates);
        }
        return switch (o) {
            case REJECT -> RuleResult.reject(DUPLICATE_FACE, "already enrolled as member " + m.memberCode(), ev);
            case REVIEW -> RuleResult.review(DUPLICATE_FACE, "looks like member " + m.memberCode(), ev);
            case PASS -> RuleResult.pass(DUPLICATE_FACE, "no enrolled member looks alike", ev);
        };
    }

    private static Outcome outcome(double similarity, double review, double reject) {
        return similarity >= reject ? Outcome.REJECT : similarity >= review ? Outcome.REVIEW : Outcome.PASS;
    }

    private RuleResult details(EnrollmentCase c) {
        Optional<MemberRef> byEpic = members.findByEpic(c.epic());
        if (byEpic.isPresent()) {
            return RuleResult.reject(DETAILS, "EPIC already used by member " + byEpic.get().memberCode(),
                    Map.of("field", "epic", "matchedMemberId", byEpic.get().memberCode()));
        }
        Optional<MemberRef> byMobile = members.findByMobile(c.mobile());
        if (byMobile.isPresent()) {
            return new RuleResult(DETAILS, policy.mobileReuseOutcome(),
                    "mobile already used by member " + byMobile.get().memberCode(),
                    Map.of("field", "mobile", "matchedMemberId", byMobile.get().memberCode()));
        }
        return RuleResult.pass(DETAILS, "EPIC and mobile are new", Map.of());
    }

    private RuleResult fieldPresence(EnrollmentCase c) {
        if (c.position() == null) {
            return RuleResult.review(FIELD_PRESENCE, "no GPS position", Map.of());
        }
        if (c.booth() == null) {
            return RuleResult.review(FIELD_PRESENCE, "the booth has no location on record", Map.of());
        }
        BoothDistance d = BoothDistance.of(c.position(), c.accuracyMeters(), c.booth(), c.boothRadiusMeters());
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("distanceMeters", Math.round(d.distanceMeters()));
        ev.put("radiusMeters", Math.round(c.boothRadiusMeters()));
        ev.put("accuracyMeters", c.accuracyMeters());
        Duration fixGap = c.locatedAt() == null || c.claimedCapture() == null ? null
                : Duration.between(c.claimedCapture(), c.locatedAt());
        if (fixGap != null) {
            ev.put("fixGapSeconds", fixGap.toSeconds());
        }
        if (d.beyond(policy.radiusReviewFactor())) {
            return RuleResult.reject(FIELD_PRESENCE, "taken far from the booth", ev);
        }
        if (d.outside()) {
            return RuleResult.review(FIELD_PRESENCE, "taken outside the booth's radius", ev);
        }
        if (c.accuracyMeters() != null && c.accuracyMeters() > policy.maxAccuracyMeters()) {
            return RuleResult.review(FIELD_PRESENCE, "GPS fix too coarse to place the booth", ev);
        }
        if (fixGap != null && fixGap.abs().compareTo(policy.maxFixGap()) > 0) {
            return RuleResult.review(FIELD_PRESENCE, "the GPS fix was not taken when the photo was", ev);
        }
        return RuleResult.pass(FIELD_PRESENCE, "taken at the booth", ev);
    }

    private RuleResult imageReuse(long hash, String submissionId) {
        List<FingerprintMatch> near = fingerprints.within(hash, policy.reuseReviewDistance(), submissionId);
        if (near.isEmpty()) {
            return RuleResult.pass(IMAGE_REUSE, "the photo is new", Map.of());
        }
        FingerprintMatch m = near.get(0);
        Map<String, Object> ev = Map.of("matchedSubmissionId", m.submissionId(), "distanceBits", m.distance());
        return m.distance() <= policy.reuseRejectDistance()
                ? RuleResult.reject(IMAGE_REUSE, "the same photo was submitted before", ev)
                : RuleResult.review(IMAGE_REUSE, "a very similar photo was submitted before", ev);
    }

    private RuleResult captureTime(EnrollmentCase c) {
        Instant now = clock.instant();
        Instant claimed = c.claimedCapture();
        Optional<CaptureTime> exif = captureTimes.read(c.photo());
        if (exif.isEmpty()) {
            // DESIGN.md: missing EXIF is no evidence either way. The claimed time alone is the phone's
            // word (an offline outbox may upload days later), so it is only noted.
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("exif", false);
            if (claimed != null) {
                ev.put("claimed", claimed.toString());
                ev.put("uploadDelaySeconds", Duration.between(claimed, c.receivedAt()).toSeconds());
            }
            return RuleResult.pass(CAPTURE_TIME, "no EXIF capture time: no evidence either way", ev);
        }
        Instant reference = claimed != null ? claimed : c.receivedAt();
        Instant taken = exif.get().offset()
                .map(o -> exif.get().local().toInstant(o))
                .orElseGet(() -> exif.get().local().atZone(policy.exifZone()).toInstant());
        Duration gap = Duration.between(taken, reference).abs();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("exif", true);
        ev.put("exifTime", taken.toString());
        ev.put("reference", reference.toString());
        ev.put("gapSeconds", gap.toSeconds());
        ev.put("checkedAt", now.toString());
        if (gap.compareTo(policy.captureTolerance()) <= 0) {
            return RuleResult.pass(CAPTURE_TIME, "EXIF time agrees with the claimed time", ev);
        }
        if (gap.compareTo(policy.captureReviewWindow()) <= 0) {
            return RuleResult.review(CAPTURE_TIME, "EXIF time differs from the claimed time", ev);
        }
        return RuleResult.reject(CAPTURE_TIME, "the photo was taken at another time", ev);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static final class Pair {
        FaceObservation worker;
        double workerSimilarity = -1;
        FaceObservation other;
        double otherSimilarity = -1;
    }
}
