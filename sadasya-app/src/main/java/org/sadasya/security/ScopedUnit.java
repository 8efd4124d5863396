package org.sadasya.security;

/**
 * A unit of the hierarchy as scope checks see it: its materialised path ({@code /1/4/17/}). The
 * hierarchy's units implement it, so that authorization needs nothing of the hierarchy's code.
 */
public interface ScopedUnit {

    String path();
}
