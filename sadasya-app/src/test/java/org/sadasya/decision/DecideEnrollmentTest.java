package org.sadasya.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.sadasya.decision.CaptureTimeReader.CaptureTime;
import org.sadasya.decision.ImageFingerprints.FingerprintMatch;
import org.sadasya.decision.MemberFaceIndex.FaceMatch;
import org.sadasya.decision.MemberRepository.MemberRef;
import org.sadasya.face.FaceBox;
import org.sadasya.face.FaceObservation;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.ImageLiveness;
import org.sadasya.face.LivenessScore;
import org.sadasya.face.LivenessVerdict;
import org.sadasya.face.challenge.BurstTiming;
import org.sadasya.face.challenge.ChallengeEvidence;
import org.sadasya.face.challenge.ChallengeStep;
import org.sadasya.face.challenge.FaceChallengeResult;
import org.sadasya.face.challenge.FaceChallengeVerdict;
import org.sadasya.face.image.ImageErrorCode;
import org.sadasya.face.image.ImageRejectedException;
import org.sadasya.face.model.EmbeddingModel;

/** The decision rules as a specification, with plain face observations and in-memory ports: no Spring, web or database. */
class DecideEnrollmentTest {

    static final double THRESHOLD = 0.5;
    static final Instant NOW = Instant.parse("2026-11-29T10:05:00Z");
    static final GeoPoint BOOTH = new GeoPoint(23.2600, 77.4127);

    // Orthogonal unit directions stand for different people: cosine 0 between them, 1 with themselves.
    static final float[] WORKER = person(0);
    static final float[] MEMBER = person(1);
    static final float[] STRANGER = person(2);

    // The world the rules see.
    ImageAnalysis analysis;
    ImageRejectedException analysisError;
    final List<FaceMatch> enrolledFaces = new ArrayList<>();
    final Map<String, MemberRef> epics = new HashMap<>();
    final Map<String, MemberRef> mobiles = new HashMap<>();
    final List<FingerprintMatch> earlierPhotos = new ArrayList<>();
    Optional<CaptureTime> exif = Optional.empty();

    // The challenge: what the ticket check answers, and what the burst says about each asked face
    // (the last verdict stands for the faces after it).
    TicketStatus ticket = TicketStatus.TICKET_VALID;
    final List<Instant[]> redeemed = new ArrayList<>();
    List<FaceChallengeVerdict> burstVerdicts = List.of(FaceChallengeVerdict.FOLLOWED);
    final List<List<Integer>> askedFaces = new ArrayList<>();
    /** The nearest members within the booth's sector, and which units were searched. */
    final List<FaceMatch> sectorFaces = new ArrayList<>();
    final List<String> searchedUnits = new ArrayList<>();

    final DecideEnrollment decide = decider(VerificationPolicy.defaults());

    DecideEnrollment decider(VerificationPolicy policy) {
        return new DecideEnrollment(
            new FaceAnalyzer() {
                @Override
                public ImageAnalysis analyze(byte[] image) throws ImageRejectedException {
                    if (analysisError != null) {
                        throw analysisError;
                    }
                    return analysis;
                }

                @Override
                public ChallengeEvidence challenge(ImageAnalysis still, List<byte[]> frames, BurstTiming timing,
                        List<Integer> faces) {
                    askedFaces.add(faces);
                    List<FaceChallengeResult> results = new ArrayList<>();
                    for (int i = 0; i < faces.size(); i++) {
                        FaceChallengeVerdict v = burstVerdicts.get(Math.min(i, burstVerdicts.size() - 1));
                        results.add(new FaceChallengeResult(faces.get(i), v, switch (v) {
                            case FOLLOWED -> "STEPS_FOLLOWED";
                            case PLANAR -> "PLANAR_MOTION";
                            case NOT_FOLLOWED -> "STEP_MISSED";
                            case UNUSABLE -> "TOO_DARK";
                        }, Map.of("yawDegrees", List.of(0.0, 24.5, 2.0))));
                    }
                    return new ChallengeEvidence(frames.size(), results);
                }

                @Override
                public double matchThreshold() {
                    return THRESHOLD;
                }
            },
            new MemberFaceIndex() {
                @Override
                public List<FaceMatch> nearest(String model, float[] embedding, int k) {
                    return enrolledFaces.stream().limit(k).toList();
                }

                @Override
                public List<FaceMatch> nearestWithin(String model, float[] embedding, int k, String unitPath) {
                    searchedUnits.add(unitPath);
                    return sectorFaces.stream().limit(k).toList();
                }
            },
            new MemberRepository() {
                @Override
                public Optional<MemberRef> findByEpic(String epic) {
                    return Optional.ofNullable(epics.get(epic));
                }

                @Override
                public Optional<MemberRef> findByMobile(String mobile) {
                    return Optional.ofNullable(mobiles.get(mobile));
                }
            },
            new ImageFingerprints() {
                @Override
                public OptionalLong fingerprint(byte[] image) {
                    return OptionalLong.of(0x0F0F_0F0F_0F0F_0F0FL);
                }

                @Override
                public List<FingerprintMatch> within(long hash, int maxDistance, String exclude) {
                    return earlierPhotos.stream().filter(m -> m.distance() <= maxDistance).toList();
                }
            },
            image -> exif,
            (workerId, submissionId, challenge, capturedAt, receivedAt) -> {
                redeemed.add(new Instant[] {capturedAt, receivedAt});
                return ticket;
            },
            Clock.fixed(NOW, ZoneOffset.UTC),
            policy);
    }

    static float[] person(int axis) {
        float[] v = new float[8];
        v[axis] = 1;
        return v;
    }

    static FaceObservation face(float[] who, double x, double size, LivenessVerdict verdict) {
        double spoof = verdict == LivenessVerdict.LIVE ? 0.1 : verdict == LivenessVerdict.DOUBT ? 0.5 : 0.9;
        return new FaceObservation(new FaceBox(x, 100, size, size), new FaceBox(x, 100, size, size), List.of(),
                0.95, 0.9, who, new LivenessScore(1 - spoof, 1 - spoof, spoof, verdict));
    }

    static ImageAnalysis photo(FaceObservation... faces) {
        return new ImageAnalysis(1280, 960, List.of(faces), "test-models");
    }

    static EnrollmentCase enrolment() {
        return enrolment(new GeoPoint(23.2601, 77.4128), 8.0);
    }

    static final CaptureChallenge CHALLENGE = new CaptureChallenge("5d1c3b4e-8f0a-4c61-9a55-1f2e3d4c5b6a",
            List.of(ChallengeStep.TURN_LEFT, ChallengeStep.LOOK_UP, ChallengeStep.FACE_CAMERA),
            NOW.minusSeconds(3600), NOW.plusSeconds(3600), "c2lnbmF0dXJl", List.of(0L, 1000L, 2000L),
            List.of(0L, 800L, 1600L));

    /** A capture that followed a challenge: three burst frames and the ticket. */
    static EnrollmentCase enrolment(GeoPoint position, Double accuracy) {
        return new EnrollmentCase("sub-1", 11, new byte[] {1}, List.of(new byte[] {2}, new byte[] {3}, new byte[] {4}),
                WorkerReferences.of("test-models", List.of(WORKER)), BOOTH, 200, position, accuracy, NOW.minusSeconds(55), NOW.minusSeconds(60), NOW, "ABC1234567", "9812345678",
                CHALLENGE, "/1/2/");
    }

    static EnrollmentCase with(EnrollmentCase c, WorkerReferences references, List<byte[]> burst, CaptureChallenge ch) {
        return new EnrollmentCase(c.submissionId(), c.workerId(), c.photo(), burst, references, c.booth(),
                c.boothRadiusMeters(), c.position(), c.accuracyMeters(), c.locatedAt(), c.claimedCapture(), c.receivedAt(), c.epic(),
                c.mobile(), ch, c.boothPath());
    }

    /** The same capture without a ticket (the app's offline fallback): no challenge, no burst. */
    static EnrollmentCase withoutTicket() {
        EnrollmentCase c = enrolment();
        return with(c, c.workerReferences(), List.of(), null);
    }

    static VerificationPolicy challengeNotRequired() {
        VerificationPolicy d = VerificationPolicy.defaults();
        return new VerificationPolicy(d.minDetectionScore(), d.minFaceSizePixels(), d.thirdFaceAreaRatio(),
                d.duplicateReviewMargin(), d.radiusReviewFactor(), d.maxAccuracyMeters(), d.maxFixGap(), d.reuseRejectDistance(),
                d.reuseReviewDistance(), d.captureTolerance(), d.captureReviewWindow(), d.exifZone(),
                d.mobileReuseOutcome(), false);
    }

    static RuleResult reason(Decision d, ReasonCode code) {
        return d.reasons().stream().filter(r -> r.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + d.reasons()));
    }

    @Test
    void workerWithNewMemberAtTheBooth_isAcceptedWithEveryRulePassing() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));

        Decision d = decide.decide(enrolment());

        assertThat(d.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(d.reasons()).extracting(RuleResult::outcome).containsOnly(Outcome.PASS);
        assertThat(d.reasons()).extracting(RuleResult::code).containsExactly(
                ReasonCode.FACE_COUNT, ReasonCode.WORKER_MATCH, ReasonCode.MEMBER_IS_NOT_WORKER, ReasonCode.LIVENESS,
                ReasonCode.DUPLICATE_FACE, ReasonCode.DETAILS, ReasonCode.FIELD_PRESENCE, ReasonCode.IMAGE_REUSE,
                ReasonCode.CAPTURE_TIME);
        assertThat(d.memberEmbedding()).isSameAs(MEMBER);
    }

    @Test
    void memberFaceIsTheOneThatIsNotTheWorker_whicheverIsLarger() {
        analysis = photo(face(MEMBER, 100, 260, LivenessVerdict.LIVE), face(WORKER, 500, 180, LivenessVerdict.LIVE));

        Decision d = decide.decide(enrolment());

        assertThat(d.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(d.memberEmbedding()).isSameAs(MEMBER);
    }

    @Test
    void eachCountedFace_isRecordedWithItsRoleBoxAndDetectorVerdict_inCountingOrder() {
        analysis = photo(face(MEMBER, 100, 260, LivenessVerdict.DOUBT), face(WORKER, 640, 192, LivenessVerdict.LIVE),
                face(STRANGER, 1000, 30, LivenessVerdict.LIVE));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> boxes = (List<Map<String, Object>>) reason(decide.decide(enrolment()),
                ReasonCode.FACE_COUNT).evidence().get("boxes");

        assertThat(boxes).as("the small background face is not counted").hasSize(2);
        assertThat(boxes.get(0)).containsEntry("face", 0).containsEntry("role", "MEMBER")
                .containsEntry("singleImage", "DOUBT").containsEntry("spoofScore", 0.5);
        // 1280 × 960 photo: x 100 → 0.0781, y 100 → 0.1042, 260 px → 0.2031 × 0.2708
        assertThat(boxes.get(0)).containsEntry("x", 0.0781).containsEntry("y", 0.1042)
                .containsEntry("width", 0.2031).containsEntry("height", 0.2708);
        assertThat(boxes.get(1)).containsEntry("face", 1).containsEntry("role", "WORKER")
                .containsEntry("x", 0.5).containsEntry("width", 0.15).containsEntry("singleImage", "LIVE");

        // without the worker's references nobody can say who is who: boxes, no roles
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> unknown = (List<Map<String, Object>>) reason(decide.decide(
                with(enrolment(), WorkerReferences.of("test-models", List.of()), enrolment().burst(), null)),
                ReasonCode.FACE_COUNT).evidence().get("boxes");
        assertThat(unknown).hasSize(2).allSatisfy(b -> assertThat(b).doesNotContainKey("role").containsKey("width"));
    }

    @Test
    void selfieWithOneFace_isRejectedForFaceCount() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE));

        Decision d = decide.decide(enrolment());

        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(reason(d, ReasonCode.FACE_COUNT).outcome()).isEqualTo(Outcome.REJECT);
    }

    @Test
    void smallBackgroundFace_isIgnoredAndNoted() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE),
                face(STRANGER, 900, 45, LivenessVerdict.LIVE));

        Decision d = decide.decide(enrolment());

        assertThat(d.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(reason(d, ReasonCode.FACE_COUNT).evidence()).containsEntry("ignoredFaces", 1);
    }

    @Test
    void thirdFaceOfSimilarSize_goesToReview() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE),
                face(STRANGER, 900, 170, LivenessVerdict.LIVE));

        Decision d = decide.decide(enrolment());

        assertThat(d.verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(reason(d, ReasonCode.FACE_COUNT).outcome()).isEqualTo(Outcome.REVIEW);
    }

    @Test
    void photoWithoutTheWorker_isRejectedForWorkerMatch() {
        analysis = photo(face(STRANGER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));

        Decision d = decide.decide(enrolment());

        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        RuleResult match = reason(d, ReasonCode.WORKER_MATCH);
        assertThat(match.outcome()).isEqualTo(Outcome.REJECT);
        assertThat(match.evidence()).containsEntry("similarity", 0.0).containsEntry("threshold", THRESHOLD);
    }

    @Test
    void knownMember_isReportedAsDuplicate_evenWhenTheWorkerDoesNotMatch() {
        analysis = photo(face(STRANGER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        enrolledFaces.add(new FaceMatch(7, "MP-0000007", 0.9));

        Decision d = decide.decide(enrolment());

        assertThat(reason(d, ReasonCode.WORKER_MATCH).outcome()).isEqualTo(Outcome.REJECT);
        assertThat(reason(d, ReasonCode.DUPLICATE_FACE).evidence()).containsEntry("matchedMemberId", "MP-0000007");
    }

    @Test
    void everyLookalikeFromTheReviewPointOn_isListed_mostAlikeFirst() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        // the index's order is not trusted; review from 0.45 (threshold 0.5 less the 0.05 margin)
        enrolledFaces.add(new FaceMatch(1, "MP-0000001", 0.62));
        enrolledFaces.add(new FaceMatch(2, "MP-0000002", 0.93));
        enrolledFaces.add(new FaceMatch(3, "MP-0000003", 0.40));
        enrolledFaces.add(new FaceMatch(4, "MP-0000004", 0.47));

        RuleResult dup = reason(decide.decide(enrolment()), ReasonCode.DUPLICATE_FACE);

        assertThat(dup.outcome()).isEqualTo(Outcome.REJECT);
        assertThat(dup.evidence()).containsEntry("matchedMemberId", "MP-0000002").containsEntry("similarity", 0.93);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) dup.evidence().get("candidates");
        assertThat(candidates).extracting(c -> c.get("memberId")).containsExactly("MP-0000002", "MP-0000001", "MP-0000004");
        assertThat(candidates).extracting(c -> c.get("similarity")).containsExactly(0.93, 0.62, 0.47);
        assertThat(candidates).allSatisfy(c -> assertThat(c).containsEntry("searched", "state"));

        enrolledFaces.clear();
        enrolledFaces.add(new FaceMatch(3, "MP-0000003", 0.40));
        assertThat(reason(decide.decide(enrolment()), ReasonCode.DUPLICATE_FACE).evidence())
                .as("nobody alike enough: no list").doesNotContainKeys("candidates", "matchedMemberId");
    }

    @Test
    void workerPosingAsMember_isRejected() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(WORKER, 500, 180, LivenessVerdict.LIVE));

        Decision d = decide.decide(enrolment());

        assertThat(reason(d, ReasonCode.MEMBER_IS_NOT_WORKER).outcome()).isEqualTo(Outcome.REJECT);
        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
    }

    @Test
    void selfieWithPrintedMemberPhoto_isRejectedForLiveness() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.SPOOF));

        Decision d = decide.decide(withoutTicket());

        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(reason(d, ReasonCode.LIVENESS).outcome()).isEqualTo(Outcome.REJECT);
        assertThat(reason(d, ReasonCode.LIVENESS).evidence()).containsEntry("reason", "SINGLE_IMAGE_SPOOF");
    }

    @Test
    void recapturedWholeImage_isRejectedForLiveness_evenWithLiveLookingFaces() {
        analysis = new ImageAnalysis(1280, 960, List.of(face(WORKER, 100, 200, LivenessVerdict.LIVE),
                face(MEMBER, 500, 180, LivenessVerdict.LIVE)), "test-models",
                new ImageLiveness(0.93, Optional.of(LivenessVerdict.SPOOF), 0.93, List.of("whole image: recapture cues spoof")));

        RuleResult r = reason(decide.decide(withoutTicket()), ReasonCode.LIVENESS);

        assertThat(r.outcome()).isEqualTo(Outcome.REJECT);
        assertThat(r.evidence()).containsEntry("imageSpoofScore", 0.93).containsEntry("reason", "RECAPTURE_SPOOF");
    }

    @Test
    void doubtfulSmallBackgroundFace_doesNotSendTheEnrolmentToReview() {
        analysis = new ImageAnalysis(1280, 960, List.of(face(WORKER, 100, 200, LivenessVerdict.LIVE),
                face(MEMBER, 500, 180, LivenessVerdict.LIVE), face(STRANGER, 900, 30, LivenessVerdict.DOUBT)),
                "test-models", new ImageLiveness(0.5, Optional.of(LivenessVerdict.DOUBT), 0.1, List.of()));

        assertThat(reason(decider(challengeNotRequired()).decide(withoutTicket()), ReasonCode.LIVENESS).outcome())
                .as("judged by the detector alone").isEqualTo(Outcome.PASS);
        decide.decide(enrolment());
        assertThat(askedFaces).as("the burst is read for the two counted faces only").containsExactly(List.of(0, 1));
    }

    @Test
    void livenessDoubt_goesToReview() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.DOUBT), face(MEMBER, 500, 180, LivenessVerdict.LIVE));

        assertThat(decider(challengeNotRequired()).decide(withoutTicket()).verdict()).isEqualTo(Verdict.REVIEW);
    }

    @Test
    void memberAlreadyEnrolled_isRejectedAsDuplicateFaceNamingTheMember() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        enrolledFaces.add(new FaceMatch(7, "MP-0000007", 0.83));

        Decision d = decide.decide(enrolment());

        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(reason(d, ReasonCode.DUPLICATE_FACE).evidence())
                .containsEntry("matchedMemberId", "MP-0000007").containsEntry("similarity", 0.83);
    }

    @Test
    void memberEnrolledByAnotherVerifierMeanwhile_turnsAnAcceptanceIntoADuplicate() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        Decision accepted = decide.decide(enrolment());
        assertThat(accepted.verdict()).isEqualTo(Verdict.ACCEPTED);
        enrolledFaces.add(new FaceMatch(9, "MP-0000009", 0.97)); // committed by the other verifier

        Decision rechecked = decide.recheckDuplicate(accepted, "/1/2/");

        assertThat(rechecked.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(reason(rechecked, ReasonCode.DUPLICATE_FACE).evidence()).containsEntry("matchedMemberId", "MP-0000009");
        assertThat(rechecked.reasons()).hasSameSizeAs(accepted.reasons());
    }

    /** A MobileFaceNet reading: its tiers (DuplicateTiers.MOBILEFACENET) apply, not the match threshold. */
    static ImageAnalysis mobileFaceNetPhoto() {
        return new ImageAnalysis(1280, 960, List.of(face(WORKER, 100, 200, LivenessVerdict.LIVE),
                face(MEMBER, 500, 180, LivenessVerdict.LIVE)), EmbeddingModel.MOBILEFACENET.version());
    }

    static EnrollmentCase mobileFaceNetEnrolment() {
        EnrollmentCase c = enrolment();
        return with(c, WorkerReferences.of(EmbeddingModel.MOBILEFACENET.version(), List.of(WORKER)), c.burst(),
                c.challenge());
    }

    @Test
    void tiered_aLookAlikeInTheSector_isJudgedAtTheLocalThresholds_andOnlyTheSectorIsSearchedLocally() {
        analysis = mobileFaceNetPhoto();
        DuplicateTiers t = DuplicateTiers.MOBILEFACENET;
        FaceMatch neighbour = new FaceMatch(7, "MP-0000007", t.localReject() + 0.01); // below any state-wide point
        enrolledFaces.add(neighbour);
        sectorFaces.add(neighbour);

        RuleResult r = reason(decide.decide(mobileFaceNetEnrolment()), ReasonCode.DUPLICATE_FACE);

        assertThat(r.outcome()).isEqualTo(Outcome.REJECT);
        assertThat(r.evidence()).containsEntry("searched", "sector").containsEntry("matchedMemberId", "MP-0000007");
        assertThat(searchedUnits).as("the booth /1/2/'s parent").containsExactly("/1/");
    }

    @Test
    void tiered_theSameSimilarityFarAway_passes_andAPlausibleLocalOneGoesToReview() {
        analysis = mobileFaceNetPhoto();
        DuplicateTiers t = DuplicateTiers.MOBILEFACENET;
        enrolledFaces.add(new FaceMatch(8, "MP-0000008", t.localReject() + 0.01)); // another district
        Decision far = decide.decide(mobileFaceNetEnrolment());
        assertThat(reason(far, ReasonCode.DUPLICATE_FACE).outcome()).isEqualTo(Outcome.PASS);

        sectorFaces.add(new FaceMatch(9, "MP-0000009", t.localReview() + 0.01));
        RuleResult near = reason(decide.decide(mobileFaceNetEnrolment()), ReasonCode.DUPLICATE_FACE);
        assertThat(near.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(near.evidence()).containsEntry("matchedMemberId", "MP-0000009").containsEntry("searched", "sector");
    }

    @Test
    void tiered_aCloseMatchElsewhereInTheState_goesToReview_andOnlyTheSameFaceRejectsStateWide() {
        analysis = mobileFaceNetPhoto();
        enrolledFaces.add(new FaceMatch(10, "MP-0000010", DuplicateTiers.MOBILEFACENET.stateReview() + 0.01));
        RuleResult close = reason(decide.decide(mobileFaceNetEnrolment()), ReasonCode.DUPLICATE_FACE);
        assertThat(close.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(close.evidence()).containsEntry("searched", "state").containsEntry("matchedMemberId", "MP-0000010");

        enrolledFaces.add(0, new FaceMatch(11, "MP-0000011", 1.0));
        RuleResult same = reason(decide.decide(mobileFaceNetEnrolment()), ReasonCode.DUPLICATE_FACE);
        assertThat(same.outcome()).isEqualTo(Outcome.REJECT);
        assertThat(same.evidence()).containsEntry("matchedMemberId", "MP-0000011");
    }

    @Test
    void localUnit_isTheBoothsParent() {
        assertThat(DuplicateTiers.localUnitOf("/1/4/9/12/")).isEqualTo("/1/4/9/");
        assertThat(DuplicateTiers.localUnitOf("/1/")).isNull();
        assertThat(DuplicateTiers.localUnitOf(null)).isNull();
    }

    @Test
    void lookAlikeJustBelowTheThreshold_goesToReview() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        enrolledFaces.add(new FaceMatch(7, "MP-0000007", THRESHOLD - 0.01));

        assertThat(reason(decide.decide(enrolment()), ReasonCode.DUPLICATE_FACE).outcome()).isEqualTo(Outcome.REVIEW);
    }

    @Test
    void epicOfAnExistingMember_isRejectedForDetails() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        epics.put("ABC1234567", new MemberRef(3, "MP-0000003"));

        Decision d = decide.decide(enrolment());

        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(reason(d, ReasonCode.DETAILS).evidence()).containsEntry("field", "epic");
    }

    @Test
    void mobileSharedWithAnotherMember_goesToReview() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        mobiles.put("9812345678", new MemberRef(3, "MP-0000003"));

        assertThat(decide.decide(enrolment()).verdict()).isEqualTo(Verdict.REVIEW);
    }

    @Test
    void fieldPresence_passesInsideTheRadius_reviewsJustOutside_rejectsFarAway() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        // 0.001° of latitude ≈ 111 m.
        assertThat(reason(decide.decide(enrolment(new GeoPoint(23.2615, 77.4127), 10.0)), ReasonCode.FIELD_PRESENCE)
                .outcome()).isEqualTo(Outcome.PASS);
        RuleResult outside = reason(decide.decide(enrolment(new GeoPoint(23.2640, 77.4127), 10.0)), ReasonCode.FIELD_PRESENCE);
        assertThat(outside.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat((Long) outside.evidence().get("distanceMeters")).isBetween(440L, 450L);
        assertThat(reason(decide.decide(enrolment(new GeoPoint(23.3000, 77.4127), 10.0)), ReasonCode.FIELD_PRESENCE)
                .outcome()).isEqualTo(Outcome.REJECT);
        assertThat(reason(decide.decide(enrolment(null, null)), ReasonCode.FIELD_PRESENCE).outcome())
                .isEqualTo(Outcome.REVIEW);
    }

    @Test
    void aFixTakenLongBeforeOrAfterThePhoto_isNotTheCapturesPlace_andGoesToReview() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        EnrollmentCase atBooth = enrolment(new GeoPoint(23.2615, 77.4127), 10.0);
        RuleResult fresh = reason(decide.decide(atBooth), ReasonCode.FIELD_PRESENCE);
        assertThat(fresh.outcome()).isEqualTo(Outcome.PASS);
        assertThat(fresh.evidence()).containsEntry("fixGapSeconds", 5L);

        for (long gapSeconds : new long[] {-600, 600}) {
            RuleResult stale = reason(decide.decide(locatedAt(atBooth, atBooth.claimedCapture().plusSeconds(gapSeconds))),
                    ReasonCode.FIELD_PRESENCE);
            assertThat(stale.outcome()).as("fix %d s from the photo", gapSeconds).isEqualTo(Outcome.REVIEW);
            assertThat(stale.evidence()).containsEntry("fixGapSeconds", gapSeconds);
        }
        // a fix just inside the gap still places the capture; a phone that did not say when is not penalised
        assertThat(reason(decide.decide(locatedAt(atBooth, atBooth.claimedCapture().plusSeconds(119))),
                ReasonCode.FIELD_PRESENCE).outcome()).isEqualTo(Outcome.PASS);
        RuleResult unstated = reason(decide.decide(locatedAt(atBooth, null)), ReasonCode.FIELD_PRESENCE);
        assertThat(unstated.outcome()).isEqualTo(Outcome.PASS);
        assertThat(unstated.evidence()).doesNotContainKey("fixGapSeconds");
    }

    static EnrollmentCase locatedAt(EnrollmentCase c, Instant at) {
        return new EnrollmentCase(c.submissionId(), c.workerId(), c.photo(), c.burst(), c.workerReferences(), c.booth(),
                c.boothRadiusMeters(), c.position(), c.accuracyMeters(), at, c.claimedCapture(), c.receivedAt(), c.epic(),
                c.mobile(), c.challenge(), c.boothPath());
    }

    @Test
    void gpsAccuracyCountsInTheWorkersFavour() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        // 250 m away with a 60 m fix: could be 190 m away, inside the 200 m radius.
        assertThat(reason(decide.decide(enrolment(new GeoPoint(23.262248, 77.4127), 60.0)), ReasonCode.FIELD_PRESENCE)
                .outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void samePhotoSubmittedBefore_isRejectedForImageReuse_nearCopyGoesToReview() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        earlierPhotos.add(new FingerprintMatch("sub-0", 2));
        RuleResult same = reason(decide.decide(enrolment()), ReasonCode.IMAGE_REUSE);
        assertThat(same.outcome()).isEqualTo(Outcome.REJECT);
        assertThat(same.evidence()).containsEntry("matchedSubmissionId", "sub-0");

        earlierPhotos.set(0, new FingerprintMatch("sub-0", 10));
        assertThat(reason(decide.decide(enrolment()), ReasonCode.IMAGE_REUSE).outcome()).isEqualTo(Outcome.REVIEW);
    }

    @Test
    void missingExif_isNoEvidenceEitherWay() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));

        RuleResult r = reason(decide.decide(enrolment()), ReasonCode.CAPTURE_TIME);

        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(r.evidence()).containsEntry("exif", false);
    }

    @Test
    void exifTime_agreeingPasses_olderPhotoIsRejected() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        // Claimed 10:04 UTC = 15:34 IST; EXIF without offset is read in Asia/Kolkata.
        exif = Optional.of(new CaptureTime(LocalDateTime.parse("2026-11-29T15:34:10"), Optional.empty()));
        assertThat(reason(decide.decide(enrolment()), ReasonCode.CAPTURE_TIME).outcome()).isEqualTo(Outcome.PASS);

        exif = Optional.of(new CaptureTime(LocalDateTime.parse("2024-01-05T09:00:00"), Optional.of(ZoneOffset.UTC)));
        assertThat(reason(decide.decide(enrolment()), ReasonCode.CAPTURE_TIME).outcome()).isEqualTo(Outcome.REJECT);
    }

    @Test
    void unreadablePhoto_isRejectedWithTheImageCode() {
        analysisError = new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE, "truncated");

        Decision d = decide.decide(enrolment());

        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(reason(d, ReasonCode.IMAGE_UNUSABLE).evidence()).containsEntry("imageCode", "IMAGE_UNREADABLE");
    }

    @Test
    void workerWithoutReferenceFace_goesToReview() {
        analysis = photo(face(WORKER, 100, 200, LivenessVerdict.LIVE), face(MEMBER, 500, 180, LivenessVerdict.LIVE));
        EnrollmentCase c = enrolment();
        EnrollmentCase noReference = with(c, WorkerReferences.of("test-models", List.of()), c.burst(), c.challenge());

        assertThat(decide.decide(noReference).verdict()).isEqualTo(Verdict.REVIEW);
    }

    // LIVENESS with a challenge (DESIGN.md, "Capture and challenge"): the decision table.

    static FaceObservation[] twoFaces(LivenessVerdict worker, LivenessVerdict member) {
        return new FaceObservation[] {face(WORKER, 100, 200, worker), face(MEMBER, 500, 180, member)};
    }

    @Test
    void bothFacesFollowedAValidTicket_passes_outweighingTheDetectorsDoubt_withTheChallengeEvidence() {
        analysis = photo(twoFaces(LivenessVerdict.DOUBT, LivenessVerdict.DOUBT));

        Decision d = decide.decide(enrolment());

        RuleResult r = reason(d, ReasonCode.LIVENESS);
        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(d.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.evidence()).containsEntry("reason", "CHALLENGE_FOLLOWED").containsEntry("ticket", "TICKET_VALID")
                .containsEntry("challengeId", CHALLENGE.challengeId()).containsEntry("burstFrames", 3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> faces = (List<Map<String, Object>>) r.evidence().get("faces");
        assertThat(faces).hasSize(2).allSatisfy(f -> {
            assertThat(f).containsEntry("followed", true).containsEntry("verdict", "FOLLOWED");
            assertThat(f.get("evidence")).isEqualTo(Map.of("yawDegrees", List.of(0.0, 24.5, 2.0)));
        });
        assertThat(faces).extracting(f -> f.get("face")).containsExactly(0, 1);
    }

    @Test
    void aFaceThatMovedLikeAPlane_isRejected_evenWhenTheOtherFollowed() {
        analysis = photo(twoFaces(LivenessVerdict.LIVE, LivenessVerdict.LIVE));
        burstVerdicts = List.of(FaceChallengeVerdict.FOLLOWED, FaceChallengeVerdict.PLANAR);

        RuleResult r = reason(decide.decide(enrolment()), ReasonCode.LIVENESS);

        assertThat(r.outcome()).isEqualTo(Outcome.REJECT);
        assertThat(r.evidence()).containsEntry("reason", "CHALLENGE_PLANAR");
    }

    @Test
    void aFaceThatDidNotFollowTheSteps_isRejected_evenWithLiveLookingFaces() {
        analysis = photo(twoFaces(LivenessVerdict.LIVE, LivenessVerdict.LIVE));
        burstVerdicts = List.of(FaceChallengeVerdict.NOT_FOLLOWED);

        Decision d = decide.decide(enrolment());

        assertThat(d.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(reason(d, ReasonCode.LIVENESS).evidence()).containsEntry("reason", "CHALLENGE_NOT_FOLLOWED");
    }

    @Test
    void anUnusableBurst_goesToReview_withTheFacesReason() {
        analysis = photo(twoFaces(LivenessVerdict.LIVE, LivenessVerdict.LIVE));
        burstVerdicts = List.of(FaceChallengeVerdict.FOLLOWED, FaceChallengeVerdict.UNUSABLE);

        RuleResult r = reason(decide.decide(enrolment()), ReasonCode.LIVENESS);

        assertThat(r.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(r.evidence()).containsEntry("reason", "CHALLENGE_UNUSABLE");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> faces = (List<Map<String, Object>>) r.evidence().get("faces");
        assertThat(faces.get(1)).containsEntry("reason", "TOO_DARK").containsEntry("followed", false);
    }

    @Test
    void everyTicketProblem_capsLivenessAtReview_withItsOwnReason_thoughTheFacesFollowed() {
        analysis = photo(twoFaces(LivenessVerdict.LIVE, LivenessVerdict.LIVE));
        for (TicketStatus problem : TicketStatus.values()) {
            if (problem == TicketStatus.TICKET_VALID || problem == TicketStatus.NO_TICKET) {
                continue;
            }
            ticket = problem;
            RuleResult r = reason(decide.decide(enrolment()), ReasonCode.LIVENESS);
            assertThat(r.outcome()).as(problem.name()).isEqualTo(Outcome.REVIEW);
            assertThat(r.evidence()).containsEntry("reason", problem.name()).containsEntry("ticket", problem.name());
        }
    }

    @Test
    void aPlanarFace_isRejected_whateverTheTicket() {
        analysis = photo(twoFaces(LivenessVerdict.LIVE, LivenessVerdict.LIVE));
        burstVerdicts = List.of(FaceChallengeVerdict.PLANAR);
        ticket = TicketStatus.TICKET_FORGED;

        assertThat(reason(decide.decide(enrolment()), ReasonCode.LIVENESS).outcome()).isEqualTo(Outcome.REJECT);
    }

    @Test
    void withoutATicket_livenessIsReviewAtBest_whenTheChallengeIsRequired() {
        analysis = photo(twoFaces(LivenessVerdict.LIVE, LivenessVerdict.LIVE));

        Decision d = decide.decide(withoutTicket());

        RuleResult r = reason(d, ReasonCode.LIVENESS);
        assertThat(r.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(d.verdict()).isEqualTo(Verdict.REVIEW);
        assertThat(r.evidence()).containsEntry("reason", "NO_TICKET").containsEntry("ticket", "NO_TICKET")
                .containsEntry("challengeId", null).containsEntry("burstFrames", 0);
        assertThat(redeemed).as("no ticket, nothing to redeem").isEmpty();
        assertThat(askedFaces).isEmpty();
    }

    @Test
    void withoutATicket_andNoRequirement_theDetectorAloneDecides() {
        analysis = photo(twoFaces(LivenessVerdict.LIVE, LivenessVerdict.LIVE));

        RuleResult r = reason(decider(challengeNotRequired()).decide(withoutTicket()), ReasonCode.LIVENESS);

        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(r.evidence()).containsEntry("reason", "SINGLE_IMAGE_LIVE");
    }

    @Test
    void aFollowedChallenge_againstTheDetectorsSpoof_isADisagreementForAPerson() {
        analysis = photo(twoFaces(LivenessVerdict.LIVE, LivenessVerdict.SPOOF));

        RuleResult r = reason(decide.decide(enrolment()), ReasonCode.LIVENESS);

        assertThat(r.outcome()).isEqualTo(Outcome.REVIEW);
        assertThat(r.evidence()).containsEntry("reason", "DETECTOR_DISAGREES");
    }

    @Test
    void theTicket_isRedeemedWithTheClaimedCaptureTime_evenWhenThePhotoIsUnusable() {
        analysisError = new ImageRejectedException(ImageErrorCode.IMAGE_UNREADABLE, "cut off");

        decide.decide(enrolment());

        assertThat(redeemed).hasSize(1);
        assertThat(redeemed.get(0)).containsExactly(NOW.minusSeconds(60), NOW);
    }

    @Test
    void everyLivenessReason_hasWorkerFacingTextInBothLanguages() throws java.io.IOException {
        for (String file : List.of("/messages.properties", "/messages_hi.properties")) {
            java.util.Properties p = new java.util.Properties();
            try (var in = new java.io.InputStreamReader(getClass().getResourceAsStream(file),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                p.load(in);
            }
            List<String> keys = new ArrayList<>(LivenessRule.REASONS);
            for (TicketStatus t : TicketStatus.values()) {
                if (t != TicketStatus.TICKET_VALID) {
                    keys.add(t.name());
                }
            }
            for (String key : keys) {
                assertThat(p.getProperty("liveness.reason." + key)).as(file + ": " + key).isNotBlank();
            }
        }
    }
}
