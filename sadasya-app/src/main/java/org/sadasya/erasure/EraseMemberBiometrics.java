package org.sadasya.erasure;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sadasya.audit.AuditLog;
import org.sadasya.card.CardMembers;
import org.sadasya.card.CardMembers.CardMember;
import org.sadasya.common.Times;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.EnrollmentRepository.StoredImage;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.member.JdbcMemberRepository;
import org.sadasya.security.Actor;
import org.sadasya.security.AdminReason;
import org.sadasya.web.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases a member's biometric data on the member's request: the enrolment's photo and burst frames
 * (the encrypted files and their rows), every face embedding of the member (as tombstones in the
 * face change feed, so every node's index removes the member), the enrolment's copy of the
 * embedding, where the face was, and the photo's fingerprint. The card is revoked, since it carries
 * the face. The membership itself (id, name, booth, details) stays. One audit entry records it.
 *
 * <p>An admin in the member's scope only. Idempotent: a second request answers with the first
 * erasure. The files are deleted inside the transaction, after every row is written: should the
 * commit fail, the retry finds the rows and completes, while the data is already gone.
 */
@Service
public class EraseMemberBiometrics {

    /** What was erased, and when; {@code already} when an earlier request erased it. */
    public record Erasure(String memberCode, OffsetDateTime erasedAt, int faces, int images, boolean already) {}

    private final CardMembers members;
    private final JdbcMemberRepository memberFaces;
    private final EnrollmentRepository enrollments;
    private final ImageStore images;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public EraseMemberBiometrics(CardMembers members, JdbcMemberRepository memberFaces, EnrollmentRepository enrollments,
            ImageStore images, AuditLog audit, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.members = members;
        this.memberFaces = memberFaces;
        this.enrollments = enrollments;
        this.images = images;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    public Erasure erase(Actor actor, String memberCode, String reason) {
        String why = AdminReason.of(actor, reason);
        CardMember m = members.find(memberCode.strip().toUpperCase(Locale.ROOT))
                .filter(found -> actor.covers(found.boothPath()))
                .orElseThrow(() -> ApiException.notFound("member"));
        return tx.execute(s -> {
            OffsetDateTime earlier = jdbc.sql("SELECT biometrics_erased_at FROM member WHERE id = ? FOR UPDATE")
                    .params(m.id()).query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).list().get(0); // null: not yet
            if (earlier != null) {
                return new Erasure(m.memberCode(), earlier, 0, 0, true);
            }
            OffsetDateTime now = Times.now(clock);
            int faces = memberFaces.eraseFaces(m.id());
            List<StoredImage> stored = enrollments.eraseBiometrics(m.enrollmentId());
            jdbc.sql("UPDATE member SET biometrics_erased_at = ? WHERE id = ?").params(now, m.id()).update();
            members.revoke(m.id(), actor.userId(), "biometric data erased: " + why, now); // false: was revoked before
            audit.record(actor.auditName(), "MEMBER_BIOMETRICS_ERASED", "member", m.memberCode(),
                    Map.of("reason", why, "faces", faces, "images", stored.size()));
            for (StoredImage image : stored) {
                images.delete(image.imageKey());
            }
            return new Erasure(m.memberCode(), now, faces, stored.size(), false);
        });
    }
}
