package org.sadasya.face.challenge;

import java.util.List;

/**
 * What a challenge burst says about the faces of a still.
 *
 * @param burstFrames the number of burst frames analysed
 * @param faces       one result per face asked about, in the order asked
 */
public record ChallengeEvidence(int burstFrames, List<FaceChallengeResult> faces) {
    public ChallengeEvidence {
        faces = List.copyOf(faces);
    }
}
