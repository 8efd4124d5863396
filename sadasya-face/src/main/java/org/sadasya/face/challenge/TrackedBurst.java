package org.sadasya.face.challenge;

import java.util.List;
import org.sadasya.face.ImageAnalysis;
import org.sadasya.face.image.RgbImage;

/**
 * A burst whose faces have been followed through the frames, not yet judged against a ticket.
 *
 * @param still  the still the faces are from
 * @param frames the decoded burst frames, in capture order
 * @param faces  the still's face indexes asked about
 * @param tracks one track per face asked about (none when there are no frames)
 */
public record TrackedBurst(ImageAnalysis still, List<RgbImage> frames, List<Integer> faces, List<FaceTrack> tracks) {
    public TrackedBurst {
        frames = List.copyOf(frames);
        faces = List.copyOf(faces);
        tracks = List.copyOf(tracks);
        if (!frames.isEmpty() && tracks.size() != faces.size()) {
            throw new IllegalArgumentException("one track per face is needed");
        }
    }
}
