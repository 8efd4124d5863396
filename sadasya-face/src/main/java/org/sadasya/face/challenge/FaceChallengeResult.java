package org.sadasya.face.challenge;

import java.util.Map;

/**
 * The burst's reading of one face of the still.
 *
 * @param face     index of the face in the still's {@code ImageAnalysis.faces()}
 * @param verdict  the reading
 * @param reason   why, as a stable key (e.g. {@code STEPS_FOLLOWED}, {@code PLANAR_MOTION},
 *                 {@code COMMON_PLANE}, {@code STEP_MISSED}, {@code FACE_LOST}, {@code TOO_DARK},
 *                 {@code BLURRED}, {@code OTHER_PERSON})
 * @param evidence the measurements behind it (angles per step, planarity, similarity to the still),
 *                 JSON-ready values only: numbers, strings, booleans, lists and maps of them
 */
public record FaceChallengeResult(int face, FaceChallengeVerdict verdict, String reason, Map<String, Object> evidence) {
    public FaceChallengeResult {
        evidence = Map.copyOf(evidence);
    }
}
