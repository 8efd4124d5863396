package org.sadasya.card;

import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sadasya.audit.AuditLog;
import org.sadasya.card.CardContent.Bilingual;
import org.sadasya.card.CardMembers.CardMember;
import org.sadasya.common.Times;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.enrollment.ImageStore;
import org.sadasya.security.Actor;
import org.sadasya.security.AdminReason;
import org.sadasya.security.Role;
import org.sadasya.web.ApiException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The use cases of membership cards: make a member's card for a reviewer or admin in scope
 * (audited: a card carries a face), revoke a member (admin, audited), and say what a scanned token
 * stands for.
 */
public final class MemberCards {

    public static final Locale HINDI = Locale.forLanguageTag("hi");

    /** What a scanned token stands for. */
    public enum Status { VALID, INVALID, REVOKED }

    public record Verification(Status status, CardMember member) {}

    private final CardMembers members;
    private final EnrollmentRepository enrollments;
    private final ImageStore images;
    private final CardTokens tokens;
    private final CardRenderer renderer = new CardRenderer();
    private final AuditLog audit;
    private final MessageSource messages;
    private final TransactionTemplate tx;
    private final Clock clock;

    public MemberCards(CardMembers members, EnrollmentRepository enrollments, ImageStore images, CardTokens tokens,
            AuditLog audit, MessageSource messages, TransactionTemplate tx, Clock clock) {
        this.members = members;
        this.enrollments = enrollments;
        this.images = images;
        this.tokens = tokens;
        this.audit = audit;
        this.messages = messages;
        this.tx = tx;
        this.clock = clock;
    }

    /** The card image; {@code baseUrl} is where {@code /verify/…} is served, without a trailing slash. */
    public BufferedImage card(Actor actor, String memberCode, String baseUrl, String format) {
        CardMember m = inScope(actor, memberCode);
        if (m.revoked()) {
            // the verification page would call the card revoked: printing it helps no one
            throw new ApiException(HttpStatus.CONFLICT, "MEMBER_REVOKED");
        }
        String token = tokens.issue(m.memberCode());
        BufferedImage face = enrollments.memberFace(m.enrollmentId()).flatMap(box -> photo(m).flatMap(
                bytes -> FaceCrop.of(bytes, box))).orElse(null);
        BufferedImage card = renderer.render(new CardContent(m.nameHi(), m.name(), m.memberCode(), m.boothCode(),
                m.boothNameHi(), m.boothName(), face, baseUrl + "/verify/" + token, labels()));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("format", format);
        detail.put("kid", tokens.kid());
        detail.put("face", face != null);
        audit.record(actor.auditName(), "MEMBER_CARD_MADE", "member", m.memberCode(), detail);
        return card;
    }

    public void revoke(Actor actor, String memberCode, String reason) {
        String why = AdminReason.of(actor, reason);
        CardMember m = inScope(actor, memberCode);
        tx.executeWithoutResult(s -> {
            if (!members.revoke(m.id(), actor.userId(), why, Times.now(clock))) {
                throw new ApiException(HttpStatus.CONFLICT, "ALREADY_REVOKED");
            }
            audit.record(actor.auditName(), "MEMBER_REVOKED", "member", m.memberCode(), Map.of("reason", why));
        });
    }

    public Verification verify(String token) {
        Optional<CardMember> m = tokens.read(token).flatMap(members::find);
        if (m.isEmpty()) {
            return new Verification(Status.INVALID, null);
        }
        return new Verification(m.get().revoked() ? Status.REVOKED : Status.VALID, m.get());
    }

    /** A worker may not; another unit's member is not found, as for an unknown id. */
    private CardMember inScope(Actor actor, String memberCode) {
        if (actor.role() != Role.REVIEWER && actor.role() != Role.ADMIN) {
            throw ApiException.forbidden();
        }
        return members.find(memberCode.strip().toUpperCase(Locale.ROOT))
                .filter(m -> actor.covers(m.boothPath()))
                .orElseThrow(() -> ApiException.notFound("member"));
    }

    private Optional<byte[]> photo(CardMember m) {
        return enrollments.images(m.enrollmentId()).stream().filter(i -> i.kind().equals("PHOTO")).findFirst()
                .map(i -> images.get(i.imageKey()));
    }

    private CardContent.Labels labels() {
        return new CardContent.Labels(words("card.title"), words("card.memberId"), words("card.booth"),
                words("card.noPhoto"), words("card.scan"));
    }

    private Bilingual words(String key) {
        return new Bilingual(messages.getMessage(key, null, HINDI), messages.getMessage(key, null, Locale.ENGLISH));
    }
}
