package org.sadasya.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scope paths: where in the organisation an indexed face belongs, written from the top down with
 * {@code /} between levels, e.g. {@code MP/BHOPAL/HUZUR/B0042} (state / district / block / booth).
 * A filter on a path covers that unit and every unit below it, matching whole levels only:
 * {@code MP/BHOPAL} covers {@code MP/BHOPAL/HUZUR} but not {@code MP/BHOPALGARH}.
 *
 * <p>A level is any non-empty text without {@code /}; the caller chooses the levels (org-unit
 * codes are a good choice because they never change when a name is corrected).
 */
public final class ScopePath {

    public static final char SEPARATOR = '/';

    private ScopePath() {}

    /** Checks a scope path; throws {@link IllegalArgumentException} when it is malformed. */
    public static String validate(String scope) {
        Objects.requireNonNull(scope, "scope");
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("scope is empty");
        }
        if (scope.charAt(0) == SEPARATOR || scope.charAt(scope.length() - 1) == SEPARATOR
                || scope.contains("//")) {
            throw new IllegalArgumentException("scope has an empty level: '" + scope + "'");
        }
        return scope;
    }

    /** The path and all its ancestors, top first: {@code A/B/C} → {@code [A, A/B, A/B/C]}. */
    public static List<String> selfAndAncestors(String scope) {
        validate(scope);
        List<String> out = new ArrayList<>();
        for (int i = scope.indexOf(SEPARATOR); i >= 0; i = scope.indexOf(SEPARATOR, i + 1)) {
            out.add(scope.substring(0, i));
        }
        out.add(scope);
        return out;
    }

    /** Whether {@code scope} is {@code ancestor} or lies below it, by whole levels. */
    public static boolean isWithin(String scope, String ancestor) {
        return scope.equals(ancestor)
                || (scope.length() > ancestor.length()
                        && scope.startsWith(ancestor)
                        && scope.charAt(ancestor.length()) == SEPARATOR);
    }
}
