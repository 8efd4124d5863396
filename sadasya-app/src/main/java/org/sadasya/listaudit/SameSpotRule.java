package org.sadasya.listaudit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sadasya.verification.GeoPoint;

/**
 * SAME_SPOT: a worker who enrolled many members from one place. A door-to-door drive moves from
 * house to house; fake members made at one desk share one position. Rule: among one worker's
 * members with a location, take the member with the most of that worker's members within
 * {@code radiusMeters} of it (earliest row on ties); when that spot holds at least
 * {@code minMembers}, flag them all as one spot, set them aside and look for the next spot.
 * Defaults 30 m (a phone's GPS error outdoors is 5–15 m, so 30 m is "the same building") and 5
 * members. A camp at a booth office looks the same: the flag asks for review, it does not prove
 * fraud. Locations come from the list's latitude/longitude, else from the photo's EXIF GPS.
 */
public record SameSpotRule(double radiusMeters, int minMembers) {

    public static final SameSpotRule DEFAULT = new SameSpotRule(30, 5);

    public SameSpotRule {
        if (!(radiusMeters > 0) || minMembers < 2) {
            throw new IllegalArgumentException("need radiusMeters > 0 and minMembers ≥ 2");
        }
    }

    /** A located enrolment of a worker. */
    public record Located(int row, String workerId, GeoPoint location) {}

    /** One spot: the worker, its centre member and every member in it (row indexes, ascending). */
    public record Spot(String workerId, int centreRow, List<Integer> rows) {}

    /**
     * The spots, by worker id then by discovery order. Quadratic in one worker's located members,
     * which is fine for the hundreds to a few thousand one worker enrols.
     */
    public List<Spot> spots(List<Located> enrolments) {
        Map<String, List<Located>> byWorker = new TreeMap<>();
        for (Located l : enrolments) {
            if (!l.workerId().isEmpty()) {
                byWorker.computeIfAbsent(l.workerId(), k -> new ArrayList<>()).add(l);
            }
        }
        List<Spot> out = new ArrayList<>();
        for (var e : byWorker.entrySet()) {
            List<Located> left = new ArrayList<>(e.getValue());
            left.sort(java.util.Comparator.comparingInt(Located::row));
            while (left.size() >= minMembers) {
                int best = -1;
                List<Located> bestNear = List.of();
                for (int i = 0; i < left.size(); i++) {
                    List<Located> near = new ArrayList<>();
                    for (Located other : left) {
                        if (left.get(i).location().distanceMeters(other.location()) <= radiusMeters) {
                            near.add(other);
                        }
                    }
                    if (near.size() > bestNear.size()) {
                        best = i;
                        bestNear = near;
                    }
                }
                if (bestNear.size() < minMembers) {
                    break;
                }
                List<Integer> rows = bestNear.stream().map(Located::row).sorted().toList();
                out.add(new Spot(e.getKey(), left.get(best).row(), rows));
                left.removeAll(bestNear);
            }
        }
        return out;
    }
}
