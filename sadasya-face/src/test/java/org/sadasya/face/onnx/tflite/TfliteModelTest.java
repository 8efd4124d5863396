package org.sadasya.face.onnx.tflite;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** A file that is not a TFLite model, or a cut or hostile one, is refused with a message, never read out of bounds. */
class TfliteModelTest {

    @Test
    void aFileWithoutTheTfliteIdentifier_isRefusedByName() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0};
        assertThatThrownBy(() -> TfliteModel.read(png)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a TFL3 flatbuffer");
    }

    @Test
    void aTruncatedFile_isRefused() {
        assertThatThrownBy(() -> TfliteModel.read(new byte[] {8, 0, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the 3-byte file");
    }

    @Test
    void aRootOffsetPointingOutsideTheFile_isRefused_notReadWild() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x7fff_fff0).put(4, (byte) 'T').put(5, (byte) 'F').put(6, (byte) 'L').put(7, (byte) '3');
        assertThatThrownBy(() -> TfliteModel.read(b.array())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the 16-byte file");
    }

    @Test
    void aVtableOffsetPointingBackPastTheStart_isRefused() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 8).put(4, (byte) 'T').put(5, (byte) 'F').put(6, (byte) 'L').put(7, (byte) '3');
        b.putInt(8, 1000); // the table's vtable would be at 8 − 1000
        assertThatThrownBy(() -> TfliteModel.read(b.array())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the 16-byte file");
    }
}
