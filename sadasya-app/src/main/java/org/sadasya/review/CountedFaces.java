package org.sadasya.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.sadasya.enrollment.EnrollmentRecord;
import org.sadasya.face.FaceBox;

/**
 * The faces the verifier counted in an enrolment's photo, as its FACE_COUNT evidence records them
 * ({@code boxes}: face number, role, box as fractions of the photo). Enrolments decided before the
 * boxes were recorded have none.
 */
final class CountedFaces {

    private CountedFaces() {}

    /** Face {@code n}'s box, if the decision recorded it. */
    static Optional<FaceBox> box(EnrollmentRecord e, int n, ObjectMapper json) {
        if (e.reasonsJson() == null) {
            return Optional.empty();
        }
        JsonNode reasons;
        try {
            reasons = json.readTree(e.reasonsJson());
        } catch (IOException ex) {
            throw new IllegalStateException("stored reasons of " + e.submissionId() + " are unreadable", ex);
        }
        for (JsonNode reason : reasons) {
            if (!"FACE_COUNT".equals(reason.path("code").asText())) {
                continue;
            }
            for (JsonNode b : reason.path("evidence").path("boxes")) {
                if (b.path("face").asInt(-1) == n && b.hasNonNull("width") && b.hasNonNull("height")) {
                    return Optional.of(new FaceBox(b.path("x").asDouble(), b.path("y").asDouble(),
                            b.path("width").asDouble(), b.path("height").asDouble()));
                }
            }
        }
        return Optional.empty();
    }
}
