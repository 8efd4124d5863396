package org.sadasya.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.enrollment.ImageStore;

/** {@code sadasya image-keys reseal}: after a rotation, every photo under the new key; without the old key, a precise error. */
class ImageKeysCommandTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearKeys() {
        System.clearProperty("sadasya.image-key");
        System.clearProperty("sadasya.image-previous-keys");
    }

    @Test
    void reseal_sealsEveryPhotoUnderTheCurrentKey_andIsSafeToRunAgain() throws Exception {
        byte[] a = key();
        byte[] b = key();
        ImageStore old = new ImageStore(dir.resolve("images"), new SecretKeySpec(a, "AES"));
        String photo = old.put("a photo".getBytes(StandardCharsets.UTF_8));
        old.put("another photo".getBytes(StandardCharsets.UTF_8));

        System.setProperty("sadasya.image-key", Base64.getEncoder().encodeToString(b));
        CliRun missing = CliRun.of("image-keys", "reseal", "--data-dir", dir.toString());
        assertThat(missing.exitCode()).as("the old key is not configured").isEqualTo(2);
        assertThat(new ObjectMapper().readTree(missing.stderr().strip()).get("code").asText()).isEqualTo("IMAGE_KEY_MISSING");

        System.setProperty("sadasya.image-previous-keys", Base64.getEncoder().encodeToString(a));
        CliRun first = CliRun.of("image-keys", "reseal", "--data-dir", dir.toString());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        JsonNode out = new ObjectMapper().readTree(first.stdout().strip());
        assertThat(out.get("files").asInt()).isEqualTo(2);
        assertThat(out.get("resealed").asInt()).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(CliRun.of("image-keys", "reseal", "--data-dir", dir.toString()).stdout().strip())
                .get("resealed").asInt()).as("a second run").isZero();

        assertThat(new ImageStore(dir.resolve("images"), new SecretKeySpec(b, "AES")).get(photo))
                .as("readable with the new key alone").isEqualTo("a photo".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] key() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return raw;
    }
}
