package org.sadasya.index;

import java.util.Optional;

/**
 * Which part of the index a search may return: everything, or one scope path and all below it
 * (see {@link ScopePath}). A district filter therefore covers every booth of the district.
 */
public final class ScopeFilter {

    private static final ScopeFilter ALL = new ScopeFilter(null);

    private final String within;

    private ScopeFilter(String within) {
        this.within = within;
    }

    /** No restriction: the whole index (state-wide de-duplication). */
    public static ScopeFilter all() {
        return ALL;
    }

    /** Only faces whose scope is {@code scopePath} or lies below it. */
    public static ScopeFilter within(String scopePath) {
        return new ScopeFilter(ScopePath.validate(scopePath));
    }

    /** The scope path searched, empty for {@link #all()}. */
    public Optional<String> scopePath() {
        return Optional.ofNullable(within);
    }

    public boolean matches(String scope) {
        return within == null || ScopePath.isWithin(scope, within);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScopeFilter other && java.util.Objects.equals(within, other.within);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(within);
    }

    @Override
    public String toString() {
        return within == null ? "ScopeFilter[all]" : "ScopeFilter[within " + within + "]";
    }
}
