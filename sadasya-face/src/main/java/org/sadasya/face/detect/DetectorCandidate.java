package org.sadasya.face.detect;

/**
 * One face the detector proposes, in the pixel space of the image it ran on.
 *
 * @param score       sigmoid of the detector's logit, 0..1
 * @param anchorIndex which of the 896 anchors produced it
 * @param x1          detector box (before enlarging), pixels
 * @param landmarks   six key points, {x0, y0, x1, y1, …}, pixels
 */
public record DetectorCandidate(
        double score, int anchorIndex, double x1, double y1, double x2, double y2, double[] landmarks) {}
