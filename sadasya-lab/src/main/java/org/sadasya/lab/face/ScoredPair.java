package org.sadasya.lab.face;

/** A compared pair: whether it is the same person (ground truth) and the similarity the engine gave. */
public record ScoredPair(String a, String b, boolean samePerson, double similarity) {}
