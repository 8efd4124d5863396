package org.sadasya.member;

import java.time.Clock;
import java.util.Optional;
import org.sadasya.common.Embeddings;
import org.sadasya.common.Times;
import org.sadasya.decision.MemberRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Members in the database: the rules' {@link MemberRepository} port and the insert of an accepted member. */
public final class JdbcMemberRepository implements MemberRepository {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String codePrefix;

    /** @param codePrefix the member id prefix, e.g. {@code MP} for Madhya Pradesh */
    public JdbcMemberRepository(JdbcClient jdbc, Clock clock, String codePrefix) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.codePrefix = codePrefix;
    }

    @Override
    public Optional<MemberRef> findByEpic(String epic) {
        return jdbc.sql("SELECT id, member_code FROM member WHERE epic = ?").params(epic)
                .query((rs, i) -> new MemberRef(rs.getLong(1), rs.getString(2))).optional();
    }

    @Override
    public Optional<MemberRef> findByMobile(String mobile) {
        return jdbc.sql("SELECT id, member_code FROM member WHERE mobile = ? ORDER BY id LIMIT 1").params(mobile)
                .query((rs, i) -> new MemberRef(rs.getLong(1), rs.getString(2))).optional();
    }

    /**
     * Issues the next member id and stores the member with its face, if any (call inside the deciding
     * transaction). Takes the member-issue lock first (again, if the caller holds it already): the
     * face's change number ({@code member_face.change_seq}, which the face index catches up by) is
     * drawn under the lock, so change numbers commit in increasing order.
     */
    public MemberRef insert(NewMember m, float[] embedding, String modelVersion) {
        lockIssuing();
        long number = jdbc.sql("SELECT nextval('member_number_seq')").query(Long.class).single();
        String code = String.format("%s-%07d", codePrefix, number);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        var now = Times.now(clock);
        jdbc.sql("INSERT INTO member (member_code, enrollment_id, name, name_hi, mobile, epic, age, gender, booth_id,"
                        + " enrolled_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(code, m.enrollmentId(), m.name(), m.nameHi(), m.mobile(), m.epic(), m.age(), m.gender(),
                        m.boothId(), m.enrolledBy(), now)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        if (embedding == null) {
            return new MemberRef(id, code); // accepted by a reviewer without a usable member face
        }
        jdbc.sql("INSERT INTO member_face (member_id, embedding, model_version, created_at, change_seq)"
                        + " VALUES (?, ?, ?, ?, nextval('member_face_change_seq'))")
                .params(id, Embeddings.toBytes(embedding), modelVersion == null ? "unknown" : modelVersion, now)
                .update();
        return new MemberRef(id, code);
    }

    /**
     * Turns every face of the member (all models) into a tombstone: embedding emptied, erased, and a
     * new change number drawn under the member-issue lock, as {@link #insert} draws its numbers, so
     * that every face index removes the member when it catches up. Returns the faces erased now.
     */
    public int eraseFaces(long memberId) {
        lockIssuing();
        return jdbc.sql("UPDATE member_face SET embedding = ?, erased = TRUE, change_seq = nextval('member_face_change_seq')"
                        + " WHERE member_id = ? AND erased = FALSE")
                .params(new byte[0], memberId).update();
    }

    /** A booth's org-unit path ({@code /1/4/9/12/}), or null. */
    public String boothPath(long boothId) {
        return jdbc.sql("SELECT path FROM org_unit WHERE id = ?").params(boothId).query(String.class).optional()
                .orElse(null);
    }

    /** Serialises member issuing (call inside the deciding transaction; held until it ends). */
    public void lockIssuing() {
        jdbc.sql("SELECT id FROM member_issue_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
    }

    /** When a member was issued. */
    public Optional<java.time.OffsetDateTime> createdAt(long memberId) {
        return jdbc.sql("SELECT created_at FROM member WHERE id = ?").params(memberId)
                .query((rs, i) -> rs.getObject(1, java.time.OffsetDateTime.class)).optional();
    }

    public Optional<String> codeOf(long memberId) {
        return jdbc.sql("SELECT member_code FROM member WHERE id = ?").params(memberId).query(String.class).optional();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM member").query(Long.class).single();
    }

    public record NewMember(long enrollmentId, String name, String nameHi, String mobile, String epic, int age,
            String gender, long boothId, long enrolledBy) {}
}
