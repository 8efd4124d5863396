package org.sadasya.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sadasya.face.challenge.ChallengeStep.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sadasya.challenge.TicketRepository.Claim;
import org.sadasya.decision.CaptureChallenge;
import org.sadasya.decision.TicketStatus;
import org.sadasya.testsupport.Databases.Kind;
import org.sadasya.testsupport.Databases;
import org.sadasya.testsupport.Fixture;
import org.sadasya.testsupport.MutableClock;

/** The ticket table and its single-use claim on a real database: H2 and PostgreSQL. */
class TicketClaimsTest {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    final TicketSignature signature = new TicketSignature(new SecretKeySpec(randomKey(), "HmacSHA256"));

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    record World(Fixture f, TicketRepository tickets, IssueChallenges issue, RedeemTicket redeem,
            Fixture.Seed seed) {}

    World open(Kind kind) {
        Fixture f = new Fixture(Databases.open(kind, dir), dir.resolve("images"), clock);
        TicketRepository tickets = new TicketRepository(f.jdbc);
        return new World(f, tickets, new IssueChallenges(tickets, signature,
                () -> List.of(TURN_RIGHT, LOOK_UP, FACE_CAMERA), f.tx, clock, Duration.ofDays(3), 50,
                        new LivenessCoolDown(f.jdbc, new ObjectMapper(), 5, Duration.ofHours(24))),
                new RedeemTicket(signature, tickets, Duration.ofDays(7)), f.seed());
    }

    static CaptureChallenge captured(ChallengeTicket t) {
        return new CaptureChallenge(t.challengeId(), t.steps(), t.issuedAt(), t.expiresAt(), t.signature(),
                List.of(0L, 250L, 500L), List.of(0L, 150L, 300L));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTicket_isClaimedOnce_againForTheSameSubmissionHarmlessly_andRefusedToAnother(Kind kind) {
        World w = open(kind);
        try (var db = w.f().db) {
            ChallengeTicket t = w.issue().issue(w.seed().worker(), 1).get(0);
            long worker = w.seed().worker().userId();
            Instant now = clock.instant();

            assertThat(w.redeem().redeem(worker, "sub-a", captured(t), now, now)).isEqualTo(TicketStatus.TICKET_VALID);
            assertThat(w.redeem().redeem(worker, "sub-a", captured(t), now, now))
                    .as("a retried verification job").isEqualTo(TicketStatus.TICKET_VALID);
            assertThat(w.redeem().redeem(worker, "sub-b", captured(t), now, now)).isEqualTo(TicketStatus.TICKET_USED);
            assertThat(w.tickets().find(t.challengeId()).orElseThrow().claimedBy()).isEqualTo("sub-a");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void ticketsArePurged_onlyOnceTheirGraceAndTheKeepAreOver_andALateGenuineOneIsStillToldLate(Kind kind) {
        World w = open(kind);
        try (var db = w.f().db) {
            long worker = w.seed().worker().userId();
            ChallengeTicket old = w.issue().issue(w.seed().worker(), 1).get(0); // expires in 3 days
            clock.advance(Duration.ofDays(20));
            ChallengeTicket newer = w.issue().issue(w.seed().worker(), 1).get(0);
            // grace 7 days + keep 30 days after the old one's expiry, and an hour
            clock.advance(Duration.ofDays(3 + 7 + 30 - 20).plusHours(1));
            TicketPurge purge = new TicketPurge(w.tickets(), clock, Duration.ofDays(7 + 30));

            assertThat(purge.purge()).isEqualTo(1);
            assertThat(w.tickets().find(old.challengeId())).isEmpty();
            assertThat(w.tickets().find(newer.challengeId())).as("expires later: kept").isPresent();
            assertThat(purge.purge()).as("nothing more to delete").isZero();
            // its row is gone, but its signed times still say why it cannot be used
            Instant now = clock.instant();
            assertThat(w.redeem().redeem(worker, "late", captured(old), old.issuedAt(), now))
                    .isEqualTo(TicketStatus.TICKET_ARRIVED_LATE);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoSubmissionsRacingForOneTicket_exactlyOneWins(Kind kind) throws Exception {
        World w = open(kind);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (var db = w.f().db) {
            for (int round = 0; round < 10; round++) {
                ChallengeTicket t = w.issue().issue(w.seed().worker(), 1).get(0);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Claim>> claims = new ArrayList<>();
                for (String sub : List.of("race-" + round + "-a", "race-" + round + "-b")) {
                    claims.add(pool.submit(() -> {
                        go.await();
                        return w.tickets().claim(t.challengeId(), sub, clock.instant());
                    }));
                }
                go.countDown();
                List<Claim> outcomes = new ArrayList<>();
                for (Future<Claim> c : claims) {
                    outcomes.add(c.get());
                }
                assertThat(outcomes).as("round " + round).containsExactlyInAnyOrder(Claim.CLAIMED, Claim.USED_BY_ANOTHER);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void whatWasAltered_isTold_fromTheIssuedRow(Kind kind) {
        World w = open(kind);
        try (var db = w.f().db) {
            ChallengeTicket t = w.issue().issue(w.seed().worker(), 1).get(0);
            long worker = w.seed().worker().userId();
            Instant now = clock.instant();
            CaptureChallenge c = captured(t);

            assertThat(w.redeem().redeem(worker + 1, "s1", c, now, now)).isEqualTo(TicketStatus.TICKET_OTHER_WORKER);
            assertThat(w.redeem().redeem(worker, "s2", new CaptureChallenge(c.challengeId(),
                    List.of(TURN_LEFT, LOOK_UP, FACE_CAMERA), c.issuedAt(), c.expiresAt(), c.signature(),
                    c.frameTimesMs(), c.stepStartsMs()), now, now)).isEqualTo(TicketStatus.TICKET_STEPS_CHANGED);
            assertThat(w.redeem().redeem(worker, "s3", new CaptureChallenge(c.challengeId(), c.steps(), c.issuedAt(),
                    c.expiresAt().plus(Duration.ofDays(30)), c.signature(), c.frameTimesMs(), c.stepStartsMs()), now, now))
                    .as("a stretched expiry").isEqualTo(TicketStatus.TICKET_FORGED);
            assertThat(w.tickets().find(t.challengeId()).orElseThrow().claimedBy())
                    .as("an altered ticket claims nothing").isNull();

            String unissued = "0b8f6a57-1c2d-4e3f-9a0b-1c2d3e4f5a6b";
            String signedButUnissued = signature.sign(unissued, worker, c.steps(), c.issuedAt(), c.expiresAt());
            assertThat(w.redeem().redeem(worker, "s4", new CaptureChallenge(unissued, c.steps(), c.issuedAt(),
                    c.expiresAt(), signedButUnissued, c.frameTimesMs(), c.stepStartsMs()), now, now))
                    .isEqualTo(TicketStatus.TICKET_UNKNOWN);
        }
    }
}
