package org.sadasya.lab.identities;

import org.sadasya.face.FaceObservation;
import org.sadasya.face.image.RgbImage;

/** One way of turning a found face into an embedding (compared with cosine). */
public interface Embedder {
    /** Names the embedder in tables and cache files. */
    String name();

    float[] embed(RgbImage image, FaceObservation face);
}
