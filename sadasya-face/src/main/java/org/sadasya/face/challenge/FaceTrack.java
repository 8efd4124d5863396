package org.sadasya.face.challenge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.sadasya.face.FaceMesh;

/** One still face followed through the burst: its mesh per frame, empty where it was lost. */
public final class FaceTrack {
    private final List<FaceMesh> meshes;

    FaceTrack(FaceMesh[] perFrame) {
        List<FaceMesh> list = new ArrayList<>(perFrame.length);
        Collections.addAll(list, perFrame);
        this.meshes = Collections.unmodifiableList(list);
    }

    public int frames() {
        return meshes.size();
    }

    public Optional<FaceMesh> at(int frame) {
        return Optional.ofNullable(meshes.get(frame));
    }

    /** The frames where the face was not found. */
    public List<Integer> lostFrames() {
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < meshes.size(); i++) {
            if (meshes.get(i) == null) {
                lost.add(i);
            }
        }
        return lost;
    }

    public boolean complete() {
        return lostFrames().isEmpty();
    }
}
