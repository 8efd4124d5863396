package org.sadasya.face.challenge;

/**
 * One step of a challenge ticket (DESIGN.md, "Capture and challenge"). Directions are the person's
 * own: in an unmirrored front-camera frame a person turning to their left moves their nose toward
 * the image's right.
 */
public enum ChallengeStep {
    TURN_LEFT,
    TURN_RIGHT,
    LOOK_UP,
    FACE_CAMERA
}
