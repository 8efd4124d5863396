package org.sadasya.card;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a card and the verification page show of a member, and the member's revocation. */
public final class CardMembers {

    /**
     * @param boothPath the booth's materialised path, for the caller's scope check
     * @param revokedAt null while the member's card is valid
     */
    public record CardMember(long id, String memberCode, String name, String nameHi, long enrollmentId,
            String boothCode, String boothName, String boothNameHi, String boothPath, OffsetDateTime revokedAt) {

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    private final JdbcClient jdbc;

    public CardMembers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CardMember> find(String memberCode) {
        return jdbc.sql("SELECT m.id, m.member_code, m.name, m.name_hi, m.enrollment_id, u.code, u.name, u.name_hi,"
                        + " u.path, m.revoked_at FROM member m JOIN org_unit u ON u.id = m.booth_id WHERE m.member_code = ?")
                .params(memberCode)
                .query((rs, i) -> new CardMember(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getObject(10, OffsetDateTime.class)))
                .optional();
    }

    /** Marks the member revoked; false when it already was (the first revocation stands). */
    public boolean revoke(long memberId, long byUserId, String reason, OffsetDateTime at) {
        return jdbc.sql("UPDATE member SET revoked_at = ?, revoked_by = ?, revoke_reason = ?"
                        + " WHERE id = ? AND revoked_at IS NULL")
                .params(at, byUserId, reason, memberId).update() == 1;
    }
}
