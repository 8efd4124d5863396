package org.sadasya.index;

import java.nio.file.Path;

class ExactFaceIndexTest extends FaceIndexContract {
    @Override
    protected FaceIndex open(Path dir) {
        return ExactFaceIndex.open(dir.resolve("exact.idx"), DIM);
    }
}
