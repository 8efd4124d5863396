package org.sadasya.verification;

import java.util.Optional;
import java.util.function.Predicate;
import org.sadasya.decision.DecideEnrollment;
import org.sadasya.decision.MemberFaceIndex.FaceMatch;
import org.sadasya.decision.MemberRepository.MemberRef;
import org.sadasya.decision.RuleResult;
import org.sadasya.face.model.EmbeddingModel;
import org.sadasya.member.JdbcMemberRepository.NewMember;
import org.sadasya.member.JdbcMemberRepository;
import org.sadasya.reembed.FaceModelSwitchRecord;
import org.sadasya.reembed.FaceModels;

/**
 * Issues the member id of an accepted enrolment, for the verifier and for a reviewer's accept
 * alike: takes the member-issue lock (V2 migration), checks the member's face a last time against
 * the members there are now, and only then inserts the member and its face. Two accepts of the same
 * face, by two verifiers or two reviewers at once, are serialised by the lock, and the second one
 * meets the first one's member here. Call inside the deciding transaction.
 */
public final class IssueMember {

    /** How many nearest members a reviewer's last check looks through for one issued since the verdict. */
    static final int REVIEW_CANDIDATES = 10;

    public sealed interface Result permits Issued, Duplicate, FaceUnreadable {}

    public record Issued(MemberRef member) implements Result {}

    /**
     * Not issued: the enrolment was verified with an embedding model the service has since left, and
     * the member's face could not be found again in its photo with the current one.
     */
    public record FaceUnreadable() implements Result {}

    /** Describes an enrolment's member face with another model (from its stored photo). */
    public interface MemberFaceDescriber {
        Optional<float[]> describe(long enrollmentId, EmbeddingModel model);
    }

    /** The decision was made with a model the service switched away from: decide again. */
    public static final class StaleFaceModel extends IllegalStateException {
        StaleFaceModel(String modelVersion) {
            super("the decision's face model " + modelVersion + " was replaced while deciding; it is made again");
        }
    }

    /** Not issued: {@code finding} is the DUPLICATE_FACE outcome (REJECT or REVIEW) naming the member. */
    public record Duplicate(RuleResult finding) implements Result {

        public String memberCode() {
            return String.valueOf(finding.evidence().get("matchedMemberId"));
        }
    }

    private final JdbcMemberRepository members;
    private final DecideEnrollment decide;
    private final FaceModels models;
    private final FaceModelSwitchRecord switchRecord;
    private final MemberFaceDescriber describer;

    public IssueMember(JdbcMemberRepository members, DecideEnrollment decide, FaceModels models,
            FaceModelSwitchRecord switchRecord, MemberFaceDescriber describer) {
        this.members = members;
        this.decide = decide;
        this.models = models;
        this.switchRecord = switchRecord;
        this.describer = describer;
    }

    /** The verifier's issue: every enrolled member counts, as in the first 1:N search. */
    public Result issue(NewMember member, float[] embedding, String modelVersion) {
        return issue(member, embedding, modelVersion, 1, m -> true);
    }

    /**
     * A reviewer's issue: only members issued after {@code verifiedAt} count. The members the
     * verifier compared the face with were evidence the reviewer saw and judged ("looks like member
     * X" accepted as a different person); a member issued since was seen by nobody.
     */
    public Result issueReviewed(NewMember member, float[] embedding, String modelVersion,
            java.time.OffsetDateTime verifiedAt) {
        if (embedding != null && models.retired(modelVersion)) {
            EmbeddingModel now = models.serving();
            Optional<float[]> again = describer.describe(member.enrollmentId(), now);
            if (again.isEmpty()) {
                return new FaceUnreadable();
            }
            embedding = again.get();
            modelVersion = now.version();
        }
        return issue(member, embedding, modelVersion, REVIEW_CANDIDATES,
                m -> members.createdAt(m.memberId()).map(at -> at.isAfter(verifiedAt)).orElse(false));
    }

    private Result issue(NewMember member, float[] embedding, String modelVersion, int k, Predicate<FaceMatch> counts) {
        members.lockIssuing();
        if (embedding != null) {
            Optional<String> issuing = switchRecord.switchedTo();
            if (issuing.isPresent() && !issuing.get().equals(modelVersion)) {
                models.adopt(issuing.get()); // another node switched: this one follows
            }
            if (models.retired(modelVersion)) {
                // the index of that model no longer receives new members: its check would miss them
                throw new StaleFaceModel(modelVersion);
            }
        }
        Optional<RuleResult> duplicate = embedding == null ? Optional.empty()
                : decide.lastDuplicateCheck(modelVersion, embedding, members.boothPath(member.boothId()), k, counts);
        if (duplicate.isPresent()) {
            return new Duplicate(duplicate.get());
        }
        return new Issued(members.insert(member, embedding, modelVersion));
    }
}
