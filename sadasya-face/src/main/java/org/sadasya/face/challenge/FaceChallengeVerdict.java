package org.sadasya.face.challenge;

/** What a burst says about one face of the still. */
public enum FaceChallengeVerdict {
    /** The face followed every step in order and moved like a head, not like a plane. */
    FOLLOWED,
    /** The frames are good, but the face moved as a plane (alone or with another face). */
    PLANAR,
    /** The frames are good and the face is tracked, but it did not follow the steps. */
    NOT_FOLLOWED,
    /** The burst cannot tell: frames too dark or blurred, the face lost, or another person in the frames. */
    UNUSABLE
}
