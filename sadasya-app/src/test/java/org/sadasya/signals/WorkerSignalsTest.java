package org.sadasya.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sadasya.decision.GeoPoint;

/** Each signal on made-up enrolments, at the default thresholds of application.yml. */
class WorkerSignalsTest {

    static final SignalThresholds DEFAULTS = SignalThresholds.defaults();
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    /** 10:00 IST. */
    static final Instant MORNING = Instant.parse("2026-11-20T04:30:00Z");

    static List<String> codes(List<WorkerEnrolment> es) {
        return new ComputeWorkerSignals(DEFAULTS, IST).evaluate(es.get(0).workerId(), es).signals().stream()
                .map(Signal::code).toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> ids(Signal s) {
        return (List<String>) s.evidence().get("submissionIds");
    }

    @Test
    void theDefaults_areTheOnesDocumentedInApplicationYml() {
        assertThat(DEFAULTS.sameSpotRadiusMeters()).isEqualTo(30);
        assertThat(DEFAULTS.sameSpotMinEnrolments()).isEqualTo(10);
        assertThat(DEFAULTS.sameSpotMinVisits()).isEqualTo(3);
        assertThat(DEFAULTS.sameSpotVisitGap()).isEqualTo(Duration.ofHours(1));
        assertThat(DEFAULTS.maxSpeedKmh()).isEqualTo(80);
        assertThat(SignalThresholds.with(Map.of("max-speed-kmh", "20")).maxSpeedKmh()).isEqualTo(20);
    }

    @Test
    void aWorkerAtHome_overSeveralDays_isFlaggedSameSpot_withTheEvidence() {
        Walks w = new Walks(1, 7);
        GeoPoint home = Walks.offset(Walks.BOOTH, 80, 40);
        List<WorkerEnrolment> es = w.atHome(home, MORNING, 4, 3, Duration.ofMinutes(20), 15);

        Optional<Signal> s = new SameSpotSignal(DEFAULTS).evaluate(es);

        assertThat(s).isPresent();
        Map<String, Object> ev = s.get().evidence();
        assertThat(ev).containsEntry("count", 12).containsEntry("spots", 1).containsEntry("visits", 4)
                .containsEntry("days", 4).containsEntry("radiusMeters", 30L);
        assertThat((List<?>) ev.get("submissionIds")).hasSize(12);
        assertThat(codes(es)).contains("SAME_SPOT");
    }

    @Test
    void anHonestWorker_15to40mApart_with20mAccuracy_isNotFlaggedSameSpot() {
        for (long seed = 1; seed <= 50; seed++) {
            Walks w = new Walks(seed, 8);
            List<WorkerEnrolment> es = w.doorToDoor(MORNING, 4, 10, Duration.ofMinutes(15), 15, 40, 20);
            assertThat(new SameSpotSignal(DEFAULTS).evaluate(es)).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void theListAuditsDefaults_wouldFlagThatHonestWorker_soTheVisitsAreWhatTellsThemApart() {
        // the list audit's form of the rule (one visit enough) flags the honest walk for some seeds:
        // the same points, without times, cannot be told from a desk
        int flagged = 0;
        for (long seed = 1; seed <= 50; seed++) {
            List<WorkerEnrolment> es = new Walks(seed, 8).doorToDoor(MORNING, 4, 10, Duration.ofMinutes(15), 15, 40, 20);
            SignalThresholds oneVisit = SignalThresholds.with(Map.of("same-spot-min-visits", "1", "same-spot-min-enrolments", "5"));
            flagged += new SameSpotSignal(oneVisit).evaluate(es).isPresent() ? 1 : 0;
        }
        assertThat(flagged).isPositive();
    }

    @Test
    void aFamilyOfFour_atOneHouseOnOneVisit_isNotFlagged_norACampOfTwelveOnOneVisit() {
        Walks w = new Walks(3, 9);
        GeoPoint house = Walks.offset(Walks.BOOTH, -20, 10);
        List<WorkerEnrolment> es = new ArrayList<>(w.doorToDoor(MORNING, 2, 10, Duration.ofMinutes(15), 15, 40, 20));
        es.addAll(w.atHome(house, MORNING.plus(Duration.ofDays(3)), 1, 4, Duration.ofMinutes(3), 10));
        assertThat(new SameSpotSignal(DEFAULTS).evaluate(es)).isEmpty();

        List<WorkerEnrolment> camp = w.atHome(house, MORNING, 1, 12, Duration.ofMinutes(5), 10);
        assertThat(new SameSpotSignal(DEFAULTS).evaluate(camp)).isEmpty();
    }

    @Test
    void sameSpot_leavesOutFixesCoarserThanTheLimit() {
        Walks w = new Walks(4, 10);
        List<WorkerEnrolment> es = w.atHome(Walks.BOOTH, MORNING, 4, 3, Duration.ofMinutes(20), 15);
        assertThat(new SameSpotSignal(DEFAULTS).evaluate(es)).isPresent();
        List<WorkerEnrolment> coarse = es.stream().map(e -> new WorkerEnrolment(e.submissionId(), e.workerId(), e.status(),
                e.at(), e.position(), 80.0, e.booth(), e.boothRadiusMeters(), e.mobile(), e.outcomes())).toList();
        assertThat(new SameSpotSignal(DEFAULTS).evaluate(coarse)).isEmpty();
    }

    @Test
    void outsideBooth_countsFromTenEnrolments_andGivesTheAccuracyItsDue() {
        Walks w = new Walks(5, 11);
        List<WorkerEnrolment> es = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            GeoPoint where = i < 4 ? Walks.offset(Walks.BOOTH, 300, 0) : Walks.BOOTH; // 4 of 10 at 300 m, radius 200
            es.add(w.at(where, 8, MORNING.plus(Duration.ofMinutes(30L * i))));
        }
        Optional<Signal> s = new OutsideBoothSignal(DEFAULTS).evaluate(es);
        assertThat(s).isPresent();
        assertThat(s.get().evidence()).containsEntry("count", 4).containsEntry("population", 10)
                .containsEntry("ratePercent", 40L).containsEntry("thresholdPercent", 30L);

        assertThat(new OutsideBoothSignal(DEFAULTS).evaluate(es.subList(0, 9))).as("nine are too few").isEmpty();
        List<WorkerEnrolment> coarse = es.stream().map(e -> new WorkerEnrolment(e.submissionId(), e.workerId(), e.status(),
                e.at(), e.position(), 120.0, e.booth(), e.boothRadiusMeters(), e.mobile(), e.outcomes())).toList();
        assertThat(new OutsideBoothSignal(DEFAULTS).evaluate(coarse)).as("300 m ± 120 m may be inside 200 m").isEmpty();
    }

    @Test
    void velocity_flagsTwentyKilometresInTenMinutes_notTwoKilometresInAnHour() {
        Walks w = new Walks(6, 12);
        WorkerEnrolment a = w.at(Walks.BOOTH, 10, MORNING);
        WorkerEnrolment b = w.at(Walks.offset(Walks.BOOTH, 2000, 0), 10, MORNING.plus(Duration.ofHours(1)));
        WorkerEnrolment c = w.at(Walks.offset(Walks.BOOTH, 22_000, 0), 10, MORNING.plus(Duration.ofMinutes(70)));
        assertThat(new VelocitySignal(DEFAULTS).evaluate(List.of(a, b))).isEmpty();

        Optional<Signal> s = new VelocitySignal(DEFAULTS).evaluate(List.of(a, b, c));
        assertThat(s).isPresent();
        assertThat(s.get().evidence()).containsEntry("pairs", 1).containsEntry("maxSpeedKmh", 80L);
        assertThat((Long) s.get().evidence().get("fastestKmh")).isBetween(115L, 125L); // 19.98 km in 10 min
        assertThat(ids(s.get())).containsExactly(b.submissionId(), c.submissionId());
        // a GPS jump of a few hundred metres between two enrolments a minute apart is not travel
        WorkerEnrolment jump = w.at(Walks.offset(Walks.BOOTH, 600, 0), 10, MORNING.plus(Duration.ofMinutes(1)));
        assertThat(new VelocitySignal(DEFAULTS).evaluate(List.of(a, jump))).isEmpty();
    }

    @Test
    void imageReuse_readsTheStoredRuleResults() {
        Walks w = new Walks(7, 13);
        WorkerEnrolment fine = w.at(Walks.BOOTH, 10, MORNING);
        WorkerEnrolment reused = w.enrolment(Walks.BOOTH, 10, MORNING, "REJECTED", Map.of("IMAGE_REUSE", "REJECT"));
        WorkerEnrolment noHash = w.enrolment(Walks.BOOTH, 10, MORNING, "REJECTED", Map.of());
        assertThat(new ImageReuseSignal(DEFAULTS).evaluate(List.of(fine, noHash))).isEmpty();
        Optional<Signal> s = new ImageReuseSignal(DEFAULTS).evaluate(List.of(fine, reused, noHash));
        assertThat(s).isPresent();
        assertThat(ids(s.get())).containsExactly(reused.submissionId());
    }

    @Test
    void rejectionAndLivenessRates_needTenDecidedEnrolments() {
        Walks w = new Walks(8, 14);
        List<WorkerEnrolment> es = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            es.add(i < 4 ? w.enrolment(Walks.BOOTH, 10, MORNING, "REJECTED", Map.of("LIVENESS", "REJECT"))
                    : w.at(Walks.BOOTH, 10, MORNING));
        }
        es.add(w.enrolment(Walks.BOOTH, 10, MORNING, "PROCESSING", Map.of()));
        assertThat(new RejectionRateSignal(DEFAULTS).evaluate(es).orElseThrow().evidence())
                .containsEntry("count", 4).containsEntry("population", 10);
        assertThat(new LivenessFailureSignal(DEFAULTS).evaluate(es).orElseThrow().evidence())
                .containsEntry("count", 4).containsEntry("ratePercent", 40L);
        assertThat(new RejectionRateSignal(DEFAULTS).evaluate(es.subList(0, 4))).as("4 of 4: too few to say").isEmpty();
        assertThat(new RejectionRateSignal(DEFAULTS).evaluate(es.subList(2, 11))).as("2 of 8 decided").isEmpty();
    }

    @Test
    void repeatedMobile_twoMembersOnOnePhoneAreAFamily_threeAreASignal() {
        Walks w = new Walks(9, 15);
        List<WorkerEnrolment> es = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WorkerEnrolment e = w.at(Walks.BOOTH, 10, MORNING);
            es.add(new WorkerEnrolment(e.submissionId(), e.workerId(), e.status(), e.at(), e.position(),
                    e.accuracyMeters(), e.booth(), e.boothRadiusMeters(), "9876543210", e.outcomes()));
        }
        es.add(w.at(Walks.BOOTH, 10, MORNING));
        assertThat(new RepeatedMobileSignal(DEFAULTS).evaluate(es.subList(1, 4))).isEmpty();
        assertThat(new RepeatedMobileSignal(DEFAULTS).evaluate(es).orElseThrow().evidence())
                .containsEntry("count", 3).containsEntry("mobiles", 1).containsEntry("mostUses", 3);
    }

    @Test
    void night_isCountedInIst() {
        Walks w = new Walks(10, 16);
        List<WorkerEnrolment> es = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // 18:00Z is 23:30 IST (night); 04:30Z is 10:00 IST
            Instant at = i < 5 ? Instant.parse("2026-11-20T18:00:00Z").plus(Duration.ofMinutes(i)) : MORNING;
            es.add(w.at(Walks.BOOTH, 10, at));
        }
        Signal ist = new NightSignal(DEFAULTS, IST).evaluate(es).orElseThrow();
        assertThat(ist.evidence()).containsEntry("count", 5);
        assertThat(ids(ist)).isEqualTo(es.subList(0, 5).stream().map(WorkerEnrolment::submissionId).toList());
        // read in UTC, 18:00 would be evening and 04:30 night: the zone is what decides
        assertThat(ids(new NightSignal(DEFAULTS, ZoneId.of("UTC")).evaluate(es).orElseThrow()))
                .isEqualTo(es.subList(5, 10).stream().map(WorkerEnrolment::submissionId).toList());
        List<WorkerEnrolment> four = new ArrayList<>(es.subList(1, 10));
        four.add(w.at(Walks.BOOTH, 10, MORNING));
        assertThat(new NightSignal(DEFAULTS, IST).evaluate(four)).as("four at night are too few").isEmpty();
    }

    @Test
    void everySignal_andEveryFigureOfItsEvidence_hasItsTextsInHindiAndEnglish() {
        Walks w = new Walks(14, 24);
        // at home 400 m outside the booth, at night (23:00 IST), every photo reused and doubted, one phone
        List<WorkerEnrolment> es = new ArrayList<>();
        for (WorkerEnrolment e : w.atHome(Walks.offset(Walks.BOOTH, 400, 0), Instant.parse("2026-11-20T17:30:00Z"), 4, 3,
                Duration.ofMinutes(20), 15)) {
            es.add(new WorkerEnrolment(e.submissionId(), e.workerId(), "REJECTED", e.at(), e.position(), e.accuracyMeters(),
                    e.booth(), e.boothRadiusMeters(), "9876543210", Map.of("LIVENESS", "REJECT", "IMAGE_REUSE", "REVIEW")));
        }
        es.add(w.at(Walks.offset(Walks.BOOTH, 20_000, 0), 10, es.get(es.size() - 1).at().plus(Duration.ofMinutes(10))));
        List<Signal> raised = new ComputeWorkerSignals(DEFAULTS, IST).evaluate(24, es).signals();
        assertThat(raised).extracting(Signal::code).containsExactly("SAME_SPOT", "OUTSIDE_BOOTH", "VELOCITY",
                "IMAGE_REUSE", "REJECTION_RATE", "LIVENESS_FAILURE", "REPEATED_MOBILE", "NIGHT");

        for (var language : org.sadasya.capture.AppCatalogue.Language.values()) {
            Map<String, String> texts = new org.sadasya.console.ConsoleCatalogue().of(language).messages();
            for (Signal s : raised) {
                assertThat(texts).as(language.name()).containsKeys("signal." + s.code(), "signal." + s.code() + ".why");
                for (String figure : s.evidence().keySet()) {
                    if (!figure.equals("submissionIds")) {
                        assertThat(texts).as(language.name()).containsKey("sev." + figure);
                    }
                }
            }
            for (String status : List.of("RECEIVED", "PROCESSING", "ACCEPTED", "REJECTED", "REVIEW")) {
                assertThat(texts).containsKey("workers.status." + status);
            }
        }
    }

    @Test
    void workersAreRanked_byKindsOfSignal_thenByEnrolmentsBehindThem() {
        Walks home = new Walks(11, 21);
        List<WorkerEnrolment> all = new ArrayList<>(home.atHome(Walks.BOOTH, MORNING, 4, 3, Duration.ofMinutes(20), 15));
        Walks honest = new Walks(12, 22);
        all.addAll(honest.doorToDoor(MORNING, 2, 10, Duration.ofMinutes(15), 15, 40, 20));
        Walks both = new Walks(13, 23);
        all.addAll(both.atHome(Walks.offset(Walks.BOOTH, 400, 0), MORNING, 4, 3, Duration.ofMinutes(20), 15));
        List<ComputeWorkerSignals.WorkerResult> ranked = new ComputeWorkerSignals(DEFAULTS, IST).compute(all);

        assertThat(ranked).extracting(ComputeWorkerSignals.WorkerResult::workerId).containsExactly(23L, 21L, 22L);
        assertThat(ranked.get(0).signals()).extracting(Signal::code).containsExactly("SAME_SPOT", "OUTSIDE_BOOTH");
        assertThat(ranked.get(2).signals()).isEmpty();
        assertThat(ranked.get(2).enrolments()).isEqualTo(20);
    }
}
