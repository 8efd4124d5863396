package org.sadasya.listaudit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.sadasya.decision.GeoPoint;
import org.sadasya.enrollment.EnrollmentData;

/**
 * The format checks of one row, with the same rules as the service's intake
 * ({@link EnrollmentData#EPIC}, {@link EnrollmentData#MOBILE}, age 18+): the audit must not call a
 * member invalid that the service would accept, or the reverse.
 *
 * @param flags    INVALID_EPIC, INVALID_MOBILE, UNDERAGE as they apply
 * @param details  human-readable reasons
 * @param epic     the EPIC normalised (upper case, trimmed) when valid, else null
 * @param mobile   the ten-digit mobile when valid, else null
 * @param location the row's coordinates when both are given and in range, else null
 */
public record RowChecks(Set<Flag> flags, List<String> details, String epic, String mobile, GeoPoint location) {

    /** Lowest age of a member; the intake's rule (EnrollmentData, "member.age"). */
    public static final int MINIMUM_AGE = 18;

    public static RowChecks of(MemberRow row) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        List<String> details = new ArrayList<>();
        if (!row.readable()) {
            return new RowChecks(flags, details, null, null, null);
        }
        String epic = row.epic().strip().toUpperCase(Locale.ROOT);
        if (!EnrollmentData.EPIC.matcher(epic).matches()) {
            flags.add(Flag.INVALID_EPIC);
            details.add(epic.isEmpty() ? "EPIC missing" : "EPIC not of the form ABC1234567");
            epic = null;
        }
        Matcher m = EnrollmentData.MOBILE.matcher(row.mobile().replace(" ", "").replace("-", "").strip());
        String mobile = null;
        if (m.matches()) {
            mobile = m.group(1);
        } else {
            flags.add(Flag.INVALID_MOBILE);
            details.add(row.mobile().isBlank() ? "mobile missing" : "mobile not an Indian mobile number");
        }
        Optional<Integer> age = parseInt(row.age());
        if (age.isEmpty()) {
            details.add(row.age().isBlank() ? "age missing" : "age not a number");
        } else if (age.get() < MINIMUM_AGE) {
            flags.add(Flag.UNDERAGE);
            details.add("age " + age.get() + " under " + MINIMUM_AGE);
        } else if (age.get() > 120) {
            details.add("age " + age.get() + " implausible");
        }
        GeoPoint location = null;
        if (!row.latitude().isBlank() || !row.longitude().isBlank()) {
            try {
                location = new GeoPoint(Double.parseDouble(row.latitude()), Double.parseDouble(row.longitude()));
            } catch (IllegalArgumentException e) { // NumberFormatException included
                details.add("coordinates unreadable");
            }
        }
        return new RowChecks(flags, details, epic, mobile, location);
    }

    private static Optional<Integer> parseInt(String s) {
        try {
            return Optional.of(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
