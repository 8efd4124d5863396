package org.sadasya.listaudit;

/**
 * What {@code sadasya audit} can say about one member of an existing list, in the order the flags
 * are written. {@link #BAD_ROW} is an addition to the list of issue #6: a row whose columns cannot be
 * read is neither a face problem nor a format problem, and the auditor should see it as such.
 */
public enum Flag {
    NO_FACE,
    MULTIPLE_FACES,
    DUPLICATE_FACE,
    DUPLICATE_EPIC,
    DUPLICATE_MOBILE,
    LIVENESS,
    IMAGE_REUSE,
    SAME_SPOT,
    INVALID_EPIC,
    INVALID_MOBILE,
    UNDERAGE,
    BAD_ROW
}
