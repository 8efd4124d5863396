package org.sadasya.decision;

/** The verification rules (DESIGN.md, "Verification rules"); the names are stable API codes. */
public enum ReasonCode {
    /** The two largest usable faces are worker and member; fewer than two → reject, a third of similar size → review. */
    FACE_COUNT,
    /** One of the two faces is the logged-in worker (1:1 against the worker's reference faces). */
    WORKER_MATCH,
    /** The member's face is not the worker's own face. */
    MEMBER_IS_NOT_WORKER,
    /** Presentation-attack evidence per face: spoof → reject, doubt → review. */
    LIVENESS,
    /** 1:N search of the member's face over all enrolled members. */
    DUPLICATE_FACE,
    /** EPIC or mobile already used by another member. */
    DETAILS,
    /** GPS present and within the booth's radius. */
    FIELD_PRESENCE,
    /** The same photo (also resized or re-encoded) was already submitted. */
    IMAGE_REUSE,
    /** EXIF capture time against the claimed time; missing EXIF is no evidence either way. */
    CAPTURE_TIME,
    /** The stored photo could not be decoded at verification time (the face engine's image code is in the detail). */
    IMAGE_UNUSABLE,
    /** Verification failed repeatedly for technical reasons; a person must look at it. */
    PIPELINE_ERROR,
    /** A reviewer resolved the enrolment by hand. */
    REVIEWER_DECISION
}
