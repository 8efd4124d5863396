package org.sadasya.listaudit;

import org.sadasya.common.SameSpotRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * The audit's result: one finding per member (in list order) and the groups behind them.
 *
 * @param members    one finding per row, in list order
 * @param clusters   members whose faces match (row indexes), with the direct pairs
 * @param reuse      pairs of members whose photos are the same picture (dHash)
 * @param recaptures rows whose photo was judged SPOOF
 * @param doubts     rows whose photo was judged DOUBT (reported, not flagged)
 * @param spots      SAME_SPOT groups
 * @param workers    workers, most suspicious share first
 * @param flagCounts members per flag
 */
public record ListFindings(List<MemberFinding> members, List<FaceCluster> clusters, List<ReusePair> reuse,
        List<Integer> recaptures, List<Integer> doubts, List<SameSpotRule.Spot> spots, List<WorkerShare> workers,
        Map<Flag, Integer> flagCounts) {

    /** One member's flags, the members they relate to, and why. */
    public record MemberFinding(MemberRow row, Set<Flag> flags, SortedSet<String> related, List<String> details) {
        public boolean clean() {
            return flags.isEmpty();
        }
    }

    /** Members (row indexes, ascending) linked by face matches, and the matches that link them. */
    public record FaceCluster(List<Integer> rows, List<FaceClusters.Pair> pairs) {}

    /** Two rows whose photos' difference hashes are within the reuse distance. */
    public record ReusePair(int a, int b, int distance) {}

    /**
     * @param share flagged / members, 0..1
     */
    public record WorkerShare(String workerId, int members, int flagged, double share, Map<Flag, Integer> flags) {}

    public long cleanCount() {
        return members.stream().filter(MemberFinding::clean).count();
    }
}
