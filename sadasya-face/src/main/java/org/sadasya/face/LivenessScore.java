package org.sadasya.face;

/**
 * Presentation-attack evidence for one face.
 *
 * @param antispoofReal the {@code antispoof} model's "real" output, 0..1 (higher = more likely genuine)
 * @param livenessLive  the {@code liveness} model's "live" probability, 0..1
 * @param spoofScore    the final calibrated score, 0..1, higher = more likely an attack
 * @param verdict       live, spoof or doubt
 */
public record LivenessScore(double antispoofReal, double livenessLive, double spoofScore, LivenessVerdict verdict) {}
