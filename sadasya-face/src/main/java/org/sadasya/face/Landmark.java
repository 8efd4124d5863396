package org.sadasya.face;

/** A facial key point in image pixels. */
public record Landmark(double x, double y) {}
