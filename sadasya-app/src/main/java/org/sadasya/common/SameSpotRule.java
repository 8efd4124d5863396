package org.sadasya.common;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sadasya.decision.GeoPoint;

/**
 * SAME_SPOT: a worker who enrolled many members from one place. A door-to-door drive moves from
 * house to house; fake members made at one desk share one position. Rule: among one worker's
 * enrolments with a usable location, take the one with the most of that worker's enrolments within
 * {@code radiusMeters} of it (earliest row on ties); when that spot holds at least
 * {@code minMembers} enrolments made on at least {@code minVisits} separate visits, flag them all as
 * one spot; either way set them aside and look for the next spot. A visit is a run of enrolments at
 * the spot with less than {@code visitGap} between one and the next: a family of four enrolled at
 * one house in one visit is one visit, dozens over several days are many.
 *
 * <p>GPS noise: a fix whose reported accuracy is worse than {@code maxAccuracyMeters} cannot place
 * anyone within the radius and is left out, so coarse fixes neither make nor hide a spot. Defaults
 * of the list audit ({@link #DEFAULT}): 30 m (a phone's GPS error outdoors is 5–15 m, so 30 m is "the
 * same building"), 5 members, any visits, any accuracy (the list has neither times nor accuracy
 * worth trusting). The worker signals configure all five ({@code sadasya.signals.same-spot-*}). A
 * camp at a booth office looks the same: the flag asks for review, it does not prove fraud.
 */
public record SameSpotRule(double radiusMeters, int minMembers, int minVisits, Duration visitGap,
        double maxAccuracyMeters) {

    public static final SameSpotRule DEFAULT = new SameSpotRule(30, 5);

    public SameSpotRule {
        if (!(radiusMeters > 0) || minMembers < 2 || minVisits < 1 || visitGap.isNegative() || !(maxAccuracyMeters > 0)) {
            throw new IllegalArgumentException(
                    "need radiusMeters > 0, minMembers ≥ 2, minVisits ≥ 1, visitGap ≥ 0 and maxAccuracyMeters > 0");
        }
    }

    /** The list audit's form: one visit is enough and every fix counts. */
    public SameSpotRule(double radiusMeters, int minMembers) {
        this(radiusMeters, minMembers, 1, Duration.ZERO, Double.POSITIVE_INFINITY);
    }

    /**
     * A located enrolment of a worker; {@code accuracyMeters} and {@code at} may be null (unknown
     * accuracy counts as good; an unknown time is a visit of its own).
     */
    public record Located(int row, String workerId, GeoPoint location, Double accuracyMeters, Instant at) {
        public Located(int row, String workerId, GeoPoint location) {
            this(row, workerId, location, null, null);
        }
    }

    /** One spot: the worker, its centre member, every member in it (row indexes, ascending) and its visits. */
    public record Spot(String workerId, int centreRow, List<Integer> rows, int visits) {}

    /**
     * The spots, by worker id then by discovery order. The neighbours within the radius are found
     * once per worker (quadratic in one worker's located members, with a cheap latitude test before
     * the great-circle distance), then spots are taken greedily from those lists, which is fine for
     * the hundreds to a few thousand one worker enrols.
     */
    public List<Spot> spots(List<Located> enrolments) {
        Map<String, List<Located>> byWorker = new TreeMap<>();
        for (Located l : enrolments) {
            boolean usable = l.accuracyMeters() == null || l.accuracyMeters() <= maxAccuracyMeters;
            if (!l.workerId().isEmpty() && usable) {
                byWorker.computeIfAbsent(l.workerId(), k -> new ArrayList<>()).add(l);
            }
        }
        List<Spot> out = new ArrayList<>();
        for (var e : byWorker.entrySet()) {
            List<Located> own = new ArrayList<>(e.getValue());
            own.sort(Comparator.comparingInt(Located::row));
            spotsOf(e.getKey(), own, out);
        }
        return out;
    }

    /** Takes the fullest spot among the members left (earliest row on ties) until none is full enough. */
    private void spotsOf(String workerId, List<Located> own, List<Spot> out) {
        int[][] near = neighbours(own);
        boolean[] taken = new boolean[own.size()];
        int left = own.size();
        while (left >= minMembers) {
            int best = -1;
            int bestCount = 0;
            for (int i = 0; i < own.size(); i++) {
                if (taken[i]) {
                    continue;
                }
                int count = 0;
                for (int j : near[i]) {
                    count += taken[j] ? 0 : 1;
                }
                if (count > bestCount) {
                    best = i;
                    bestCount = count;
                }
            }
            if (bestCount < minMembers) {
                return;
            }
            List<Located> spot = new ArrayList<>();
            for (int j : near[best]) {
                if (!taken[j]) {
                    spot.add(own.get(j));
                    taken[j] = true;
                }
            }
            left -= spot.size();
            int visits = visits(spot);
            if (visits >= minVisits) {
                List<Integer> rows = spot.stream().map(Located::row).sorted().toList();
                out.add(new Spot(workerId, own.get(best).row(), rows, visits));
            }
        }
    }

    /** For each member, the members within the radius of it (itself included), ascending. */
    private int[][] neighbours(List<Located> own) {
        // a degree of latitude is at least 110.5 km: further apart in latitude than the radius allows → not near
        double maxLatitudeDegrees = radiusMeters / 110_500.0;
        int[][] near = new int[own.size()][];
        for (int i = 0; i < own.size(); i++) {
            GeoPoint p = own.get(i).location();
            List<Integer> ids = new ArrayList<>();
            for (int j = 0; j < own.size(); j++) {
                GeoPoint q = own.get(j).location();
                if (Math.abs(p.latitude() - q.latitude()) <= maxLatitudeDegrees && p.distanceMeters(q) <= radiusMeters) {
                    ids.add(j);
                }
            }
            near[i] = ids.stream().mapToInt(Integer::intValue).toArray();
        }
        return near;
    }

    /** Runs of enrolments less than {@code visitGap} apart; an enrolment without a time is a visit of its own. */
    int visits(List<Located> atOneSpot) {
        List<Instant> times = new ArrayList<>();
        int visits = 0;
        for (Located l : atOneSpot) {
            if (l.at() == null) {
                visits++;
            } else {
                times.add(l.at());
            }
        }
        times.sort(null);
        for (int i = 0; i < times.size(); i++) {
            if (i == 0 || Duration.between(times.get(i - 1), times.get(i)).compareTo(visitGap) >= 0) {
                visits++;
            }
        }
        return visits;
    }
}
