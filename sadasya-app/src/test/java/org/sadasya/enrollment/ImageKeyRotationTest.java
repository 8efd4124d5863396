package org.sadasya.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sadasya.common.SecretKeyFile;

/**
 * Rotating the image key: files name the key that sealed them, so after a rotation the old ones
 * are read with the previous key and new ones are sealed with the new key; a file whose key is not
 * configured fails with a message that names the key id; files of the first layout (no key id)
 * are still read.
 */
class ImageKeyRotationTest {

    @TempDir
    Path dir;

    @Test
    void afterARotation_oldImagesReadWithThePreviousKey_andNewOnesAreSealedWithTheNewKey() throws Exception {
        SecretKey a = key();
        SecretKey b = key();
        byte[] before = "photo sealed before the rotation".getBytes(StandardCharsets.UTF_8);
        String old = new ImageStore(dir, a).put(before);

        ImageStore rotated = new ImageStore(dir, b, List.of(a));
        assertThat(rotated.get(old)).isEqualTo(before);
        byte[] after = "photo sealed after the rotation".getBytes(StandardCharsets.UTF_8);
        String fresh = rotated.put(after);
        assertThat(keyIdOnDisk(rotated, fresh)).isEqualTo(SecretKeyFile.keyId(b)).isNotEqualTo(SecretKeyFile.keyId(a));
        assertThat(keyIdOnDisk(rotated, old)).isEqualTo(SecretKeyFile.keyId(a));
        assertThat(rotated.get(fresh)).isEqualTo(after);

        ImageStore withoutTheOldKey = new ImageStore(dir, b);
        assertThat(withoutTheOldKey.get(fresh)).isEqualTo(after);
        assertThatThrownBy(() -> withoutTheOldKey.get(old)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SecretKeyFile.keyId(a)).hasMessageContaining("sadasya.image-previous-keys");
        assertThatThrownBy(() -> new ImageStore(dir, a).get(fresh)).as("the old key cannot read what the new one sealed")
                .hasMessageContaining(SecretKeyFile.keyId(b));
    }

    @Test
    void filesOfTheFirstLayout_withoutAKeyId_areTriedWithEveryKey() throws Exception {
        SecretKey a = key();
        SecretKey b = key();
        ImageStore store = new ImageStore(dir, b, List.of(a));
        String imageKey = "0123456789abcdef0123456789abcdef";
        byte[] plain = "a photo stored before files named their key".getBytes(StandardCharsets.UTF_8);
        Path file = store.path(imageKey);
        Files.createDirectories(file.getParent());
        Files.write(file, firstLayout(a, imageKey, plain));

        assertThat(store.get(imageKey)).isEqualTo(plain);
        assertThatThrownBy(() -> new ImageStore(dir, b).get(imageKey)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("any configured image key");
    }

    @Test
    void reseal_movesEveryImageToTheCurrentKey_soThePreviousKeyCanBeDropped() throws Exception {
        SecretKey a = key();
        SecretKey b = key();
        ImageStore old = new ImageStore(dir, a);
        byte[] one = "first photo".getBytes(StandardCharsets.UTF_8);
        byte[] two = "second photo".getBytes(StandardCharsets.UTF_8);
        String k1 = old.put(one);
        String k2 = old.put(two);
        ImageStore rotated = new ImageStore(dir, b, List.of(a));
        String k3 = rotated.put("sealed after the rotation".getBytes(StandardCharsets.UTF_8));

        assertThat(rotated.imageKeys()).containsExactlyInAnyOrder(k1, k2, k3);
        assertThat(rotated.reseal(k1)).isTrue();
        assertThat(rotated.reseal(k1)).as("already under the current key").isFalse();
        assertThat(rotated.reseal(k3)).isFalse();
        assertThat(rotated.reseal(k2)).isTrue();

        ImageStore withoutTheOldKey = new ImageStore(dir, b);
        assertThat(withoutTheOldKey.get(k1)).isEqualTo(one);
        assertThat(withoutTheOldKey.get(k2)).isEqualTo(two);
        assertThat(keyIdOnDisk(withoutTheOldKey, k1)).isEqualTo(SecretKeyFile.keyId(b));
        try (var leftovers = Files.walk(dir)) {
            assertThat(leftovers.filter(p -> p.toString().endsWith(".tmp"))).as("no temporary file left").isEmpty();
        }
    }

    @Test
    void keyIds_areStable_shortAndDifferentPerKey() {
        SecretKey a = key();
        assertThat(SecretKeyFile.keyId(a)).matches("[0-9a-f]{8}").isEqualTo(SecretKeyFile.keyId(new SecretKeySpec(a.getEncoded(), "AES")));
        assertThat(SecretKeyFile.keyId(key())).isNotEqualTo(SecretKeyFile.keyId(a));
    }

    private static String keyIdOnDisk(ImageStore store, String imageKey) throws Exception {
        byte[] file = Files.readAllBytes(store.path(imageKey));
        assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("SDY2");
        return new String(file, 4, 8, StandardCharsets.US_ASCII);
    }

    /** {@code "SDY1" | nonce | ciphertext + tag}, as the store wrote before key ids. */
    private static byte[] firstLayout(SecretKey k, String imageKey, byte[] plain) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce));
        c.updateAAD(imageKey.getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = c.doFinal(plain);
        return ByteBuffer.allocate(4 + 12 + sealed.length).put("SDY1".getBytes(StandardCharsets.US_ASCII)).put(nonce).put(sealed)
                .array();
    }

    private static SecretKey key() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return new SecretKeySpec(raw, "AES");
    }
}
