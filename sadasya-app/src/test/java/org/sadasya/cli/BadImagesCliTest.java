package org.sadasya.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.face.testsupport.SharedData;

/** Bad images give a clear error code and message on the command line, never a stack trace. */
class BadImagesCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void truncatedJpeg_isUnreadable(@TempDir Path tmp) throws IOException {
        byte[] jpeg = Files.readAllBytes(SharedData.file("data/faces/deepface/img5.jpg"));
        Path half = Files.write(tmp.resolve("half.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        assertRefused(half, "IMAGE_UNREADABLE");
    }

    @Test
    void zeroByteFile_isEmpty(@TempDir Path tmp) throws IOException {
        assertRefused(Files.write(tmp.resolve("zero.png"), new byte[0]), "IMAGE_EMPTY");
    }

    @Test
    void textFile_isNotAnImage(@TempDir Path tmp) throws IOException {
        assertRefused(Files.writeString(tmp.resolve("members.jpg"), "name,mobile\nSunita,9812345678\n"), "IMAGE_UNREADABLE");
    }

    @Test
    void png20000x20000_isRefusedFromItsHeader(@TempDir Path tmp) throws IOException {
        Path huge = Files.write(tmp.resolve("huge.png"), hugePng(20_000, 20_000));
        assertThat(Files.size(huge)).as("the file itself is small").isLessThan(200_000);
        JsonNode error = assertRefused(huge, "IMAGE_TOO_LARGE");
        assertThat(error.get("message").asText()).contains("20000");
    }

    private static JsonNode assertRefused(Path image, String code) throws IOException {
        CliRun run = CliRun.of("faces", image.toString());
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().strip().lines()).as("one JSON line on stderr").hasSize(1);
        assertThat(run.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode error = JSON.readTree(run.stderr().strip());
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        return error;
    }

    /** A valid 1-bit greyscale PNG of the given size: all-zero rows compress to almost nothing. */
    private static byte[] hugePng(int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {1, 0, 0, 0, 0}); // bit depth 1, greyscale, deflate, filter 0, no interlace
        chunk(png, "IHDR", ihdr.toByteArray());
        Deflater deflater = new Deflater(9);
        byte[] row = new byte[1 + (width + 7) / 8];
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        for (int y = 0; y < height; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            idat.write(buffer, 0, deflater.deflate(buffer));
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
