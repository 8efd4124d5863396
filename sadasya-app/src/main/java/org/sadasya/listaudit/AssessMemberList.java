package org.sadasya.listaudit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sadasya.common.SameSpotRule;
import org.sadasya.decision.DifferenceHash;
import org.sadasya.decision.GeoPoint;
import org.sadasya.listaudit.ListFindings.FaceCluster;
import org.sadasya.listaudit.ListFindings.MemberFinding;
import org.sadasya.listaudit.ListFindings.ReusePair;
import org.sadasya.listaudit.ListFindings.WorkerShare;

/**
 * The audit's decisions, pure: rows, what was found in their photos, and the face matches in; the
 * flags out. Nothing here touches the model runtime, the index or the file system.
 *
 * @param reuseDistance dHash distance (bits of 64) at or below which two photos are the same
 *                      picture; 6 = the service's {@code reuse-reject-distance} (application.yml,
 *                      after N. Krawetz, "Kind of Like That")
 * @param sameSpot      the SAME_SPOT rule
 */
public record AssessMemberList(int reuseDistance, SameSpotRule sameSpot) {

    public static final int DEFAULT_REUSE_DISTANCE = 6;

    public AssessMemberList {
        if (reuseDistance < 0 || reuseDistance > 64) {
            throw new IllegalArgumentException("reuseDistance must be 0..64");
        }
    }

    /**
     * @param rows      the list, in order
     * @param photos    the facts of each row's photo, by row index; null where there is none
     *                  (bad row, no photo, path outside the folder: {@code photoProblems} says why)
     * @param photoProblems why a row has no photo facts, by row index
     * @param facePairs face matches between rows (from the 1:N search)
     */
    public ListFindings assess(List<MemberRow> rows, List<PhotoFacts> photos, Map<Integer, String> photoProblems,
            List<FaceClusters.Pair> facePairs) {
        int n = rows.size();
        List<Set<Flag>> flags = new ArrayList<>();
        List<SortedSet<String>> related = new ArrayList<>();
        List<List<String>> details = new ArrayList<>();
        List<RowChecks> checks = new ArrayList<>();
        for (MemberRow row : rows) {
            RowChecks c = RowChecks.of(row);
            checks.add(c);
            Set<Flag> f = EnumSet.noneOf(Flag.class);
            f.addAll(c.flags());
            flags.add(f);
            related.add(new TreeSet<>());
            details.add(new ArrayList<>());
        }

        // Row and photo problems.
        Map<String, Integer> firstLineOfId = new HashMap<>();
        for (int i = 0; i < n; i++) {
            MemberRow row = rows.get(i);
            if (!row.readable()) {
                flags.get(i).add(Flag.BAD_ROW);
                details.get(i).add("bad row (line " + row.line() + "): " + row.problem());
            }
            Integer earlier = firstLineOfId.putIfAbsent(row.memberId(), row.line());
            if (earlier != null) {
                details.get(i).add("member_id also on line " + earlier);
            }
            details.get(i).addAll(checks.get(i).details());
            PhotoFacts p = photos.get(i);
            if (!row.readable()) {
                continue;
            }
            if (p == null) {
                flags.get(i).add(Flag.NO_FACE);
                details.get(i).add(photoProblems.getOrDefault(i, "no photo"));
            } else if (p.error() != null) {
                flags.get(i).add(Flag.NO_FACE);
                details.get(i).add("unreadable photo: " + p.error().split(":", 2)[0]);
            } else if (!p.hasFace()) {
                flags.get(i).add(Flag.NO_FACE);
                details.get(i).add("no face found in the photo");
            } else {
                if (p.faceCount() > 1) {
                    flags.get(i).add(Flag.MULTIPLE_FACES);
                    details.get(i).add(p.faceCount() + " faces of similar size in the photo");
                }
                if ("SPOOF".equals(p.verdict())) {
                    flags.get(i).add(Flag.LIVENESS);
                    details.get(i).add(String.format(Locale.ROOT, "photo judged a recapture (spoof score %.2f)", p.spoofScore()));
                }
            }
        }

        // DUPLICATE_FACE: clusters over the face matches.
        List<FaceCluster> clusters = new ArrayList<>();
        Map<Integer, List<FaceClusters.Pair>> pairsByRow = new HashMap<>();
        for (FaceClusters.Pair p : facePairs) {
            pairsByRow.computeIfAbsent(p.a(), k -> new ArrayList<>()).add(p);
            pairsByRow.computeIfAbsent(p.b(), k -> new ArrayList<>()).add(p);
        }
        for (List<Integer> members : FaceClusters.of(n, facePairs)) {
            Set<Integer> in = Set.copyOf(members);
            List<FaceClusters.Pair> inside = facePairs.stream().filter(p -> in.contains(p.a()))
                    .sorted(Comparator.comparingInt(FaceClusters.Pair::a).thenComparingInt(FaceClusters.Pair::b)).toList();
            clusters.add(new FaceCluster(members, inside));
            for (int i : members) {
                flags.get(i).add(Flag.DUPLICATE_FACE);
                for (int j : members) {
                    if (j != i) {
                        related.get(i).add(rows.get(j).memberId());
                    }
                }
                List<String> direct = new ArrayList<>();
                for (FaceClusters.Pair p : pairsByRow.getOrDefault(i, List.of()).stream()
                        .sorted(Comparator.comparingDouble(FaceClusters.Pair::similarity).reversed()
                                .thenComparingInt(p -> p.a() == i ? p.b() : p.a()))
                        .toList()) {
                    int other = p.a() == i ? p.b() : p.a();
                    direct.add(String.format(Locale.ROOT, "%s (%.3f)", rows.get(other).memberId(), p.similarity()));
                }
                details.get(i).add("same face as " + String.join(", ", direct)
                        + (members.size() > direct.size() + 1 ? " in a cluster of " + members.size() : ""));
            }
        }

        // DUPLICATE_EPIC / DUPLICATE_MOBILE.
        sameValue(rows, i -> checks.get(i).epic(), Flag.DUPLICATE_EPIC, "EPIC", flags, related, details);
        sameValue(rows, i -> checks.get(i).mobile(), Flag.DUPLICATE_MOBILE, "mobile", flags, related, details);

        // IMAGE_REUSE: all pairs of hashes (a XOR and a popcount each: 5e9 pairs at 1e5 rows, seconds).
        List<ReusePair> reuse = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Long hi = hash(photos.get(i));
            if (hi == null) {
                continue;
            }
            for (int j = i + 1; j < n; j++) {
                Long hj = hash(photos.get(j));
                if (hj != null) {
                    int d = DifferenceHash.distance(hi, hj);
                    if (d <= reuseDistance) {
                        reuse.add(new ReusePair(i, j, d));
                    }
                }
            }
        }
        Map<Integer, List<String>> reuseText = new TreeMap<>();
        for (ReusePair r : reuse) {
            for (int[] ab : new int[][] {{r.a(), r.b()}, {r.b(), r.a()}}) {
                flags.get(ab[0]).add(Flag.IMAGE_REUSE);
                related.get(ab[0]).add(rows.get(ab[1]).memberId());
                reuseText.computeIfAbsent(ab[0], k -> new ArrayList<>())
                        .add(rows.get(ab[1]).memberId() + " (dHash " + r.distance() + "/64)");
            }
        }
        reuseText.forEach((i, t) -> details.get(i).add("same picture as " + String.join(", ", t)));

        // SAME_SPOT.
        List<SameSpotRule.Located> located = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GeoPoint where = location(checks.get(i), photos.get(i));
            if (rows.get(i).readable() && where != null) {
                located.add(new SameSpotRule.Located(i, rows.get(i).workerId(), where));
            }
        }
        List<SameSpotRule.Spot> spots = sameSpot.spots(located);
        for (SameSpotRule.Spot s : spots) {
            for (int i : s.rows()) {
                flags.get(i).add(Flag.SAME_SPOT);
                details.get(i).add(String.format(Locale.ROOT, "one of %d members of worker %s enrolled within %.0f m of one spot",
                        s.rows().size(), s.workerId(), sameSpot.radiusMeters()));
            }
        }

        List<MemberFinding> findings = new ArrayList<>();
        Map<Flag, Integer> counts = new EnumMap<>(Flag.class);
        for (Flag f : Flag.values()) {
            counts.put(f, 0);
        }
        List<Integer> recaptures = new ArrayList<>();
        List<Integer> doubts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            findings.add(new MemberFinding(rows.get(i), flags.get(i), related.get(i), List.copyOf(details.get(i))));
            flags.get(i).forEach(f -> counts.merge(f, 1, Integer::sum));
            if (flags.get(i).contains(Flag.LIVENESS)) {
                recaptures.add(i);
            }
            if (photos.get(i) != null && "DOUBT".equals(photos.get(i).verdict())) {
                doubts.add(i);
            }
        }
        return new ListFindings(findings, clusters, reuse, recaptures, doubts, spots, rankWorkers(findings), counts);
    }

    /** Workers by share of flagged members (any flag), then by flagged count, then by id. */
    static List<WorkerShare> rankWorkers(List<MemberFinding> findings) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Map<Flag, Integer>> byFlag = new HashMap<>();
        for (MemberFinding f : findings) {
            String w = f.row().workerId().isEmpty() ? "(none)" : f.row().workerId();
            int[] c = counts.computeIfAbsent(w, k -> new int[2]);
            c[0]++;
            if (!f.clean()) {
                c[1]++;
            }
            Map<Flag, Integer> m = byFlag.computeIfAbsent(w, k -> new EnumMap<>(Flag.class));
            f.flags().forEach(fl -> m.merge(fl, 1, Integer::sum));
        }
        List<WorkerShare> out = new ArrayList<>();
        counts.forEach((w, c) -> out.add(new WorkerShare(w, c[0], c[1], (double) c[1] / c[0], byFlag.get(w))));
        out.sort(Comparator.comparingDouble(WorkerShare::share).reversed()
                .thenComparing(Comparator.comparingInt(WorkerShare::flagged).reversed())
                .thenComparing(WorkerShare::workerId));
        return out;
    }

    private static void sameValue(List<MemberRow> rows, java.util.function.IntFunction<String> value, Flag flag,
            String what, List<Set<Flag>> flags, List<SortedSet<String>> related, List<List<String>> details) {
        Map<String, List<Integer>> byValue = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String v = value.apply(i);
            if (v != null) {
                byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> same : byValue.values()) {
            if (same.size() < 2) {
                continue;
            }
            for (int i : same) {
                flags.get(i).add(flag);
                List<String> others = new ArrayList<>();
                for (int j : same) {
                    if (j != i) {
                        related.get(i).add(rows.get(j).memberId());
                        others.add(rows.get(j).memberId());
                    }
                }
                details.get(i).add(what + " also used by " + String.join(", ", others));
            }
        }
    }

    private static Long hash(PhotoFacts p) {
        return p == null ? null : p.differenceHash();
    }

    private static GeoPoint location(RowChecks c, PhotoFacts p) {
        if (c.location() != null) {
            return c.location();
        }
        if (p != null && p.exifLatitude() != null) {
            return new GeoPoint(p.exifLatitude(), p.exifLongitude());
        }
        return null;
    }
}
