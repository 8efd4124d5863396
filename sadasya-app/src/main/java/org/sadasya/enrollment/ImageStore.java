package org.sadasya.enrollment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.sadasya.common.SecretKeyFile;

/**
 * Face images on disk, encrypted at rest with AES-256-GCM: one random 96-bit nonce per image, the
 * image's key as associated data (a file renamed to another key does not decrypt). Files are
 * written to a temporary name, forced to disk and renamed, so a stored image is complete and durable.
 *
 * <p>File layout: {@code "SDY2" | key id (8 ASCII hex digits) | nonce (12 bytes) | ciphertext +
 * tag}. The key id ({@link SecretKeyFile#keyId}) names the key that sealed the file, so after a
 * rotation the files sealed before it are read with the previous key
 * ({@code sadasya.image-previous-keys}) and new ones are sealed with the current key. Files of the
 * first layout, {@code "SDY1" | nonce | ciphertext + tag}, carry no key id and are tried with each
 * key, current first.
 */
public final class ImageStore {

    private static final byte[] MAGIC = "SDY2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_WITHOUT_KEY_ID = "SDY1".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_ID_BYTES = 8;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final SecretKey key;
    private final String keyId;
    /** Every key that may have sealed a file, by key id: the current one first. */
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    public ImageStore(Path root, SecretKey key) {
        this(root, key, List.of());
    }

    /** @param previous keys retired from sealing, kept to read the files they sealed */
    public ImageStore(Path root, SecretKey key, List<SecretKey> previous) {
        this.root = root;
        this.key = key;
        this.keyId = SecretKeyFile.keyId(key);
        for (SecretKey k : concat(key, previous)) {
            if (k.getEncoded().length != 32) {
                throw new IllegalArgumentException("an image key must be 256 bits");
            }
            keys.putIfAbsent(SecretKeyFile.keyId(k), k);
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the image store " + root, e);
        }
    }

    /** Encrypts and stores the image durably; returns its key. */
    public String put(byte[] plain) {
        String imageKey = UUID.randomUUID().toString().replace("-", "");
        write(imageKey, seal(imageKey, plain));
        return imageKey;
    }

    /** The file's bytes: magic, the current key's id, a fresh nonce, ciphertext and tag. */
    private byte[] seal(String imageKey, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(imageKey.getBytes(StandardCharsets.US_ASCII));
            sealed = c.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
        return ByteBuffer.allocate(MAGIC.length + KEY_ID_BYTES + NONCE_BYTES + sealed.length)
                .put(MAGIC).put(keyId.getBytes(StandardCharsets.US_ASCII)).put(nonce).put(sealed).array();
    }

    /** Writes the file durably: a temporary name, forced to disk, renamed over the target, the directory forced. */
    private void write(String imageKey, byte[] content) {
        Path target = path(imageKey);
        try {
            if (!Files.isDirectory(target.getParent())) {
                Files.createDirectories(target.getParent());
                forceDirectory(root); // the new subdirectory's entry must be durable too
            }
            Path tmp = target.resolveSibling(imageKey + ".tmp");
            Files.deleteIfExists(tmp); // left by a crash in the middle of an earlier write
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store image " + imageKey, e);
        }
    }

    public byte[] get(String imageKey) {
        byte[] file;
        try {
            file = Files.readAllBytes(path(imageKey));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + imageKey, e);
        }
        if (startsWith(file, MAGIC) && file.length >= MAGIC.length + KEY_ID_BYTES + NONCE_BYTES) {
            String sealedWith = new String(file, MAGIC.length, KEY_ID_BYTES, StandardCharsets.US_ASCII);
            SecretKey k = keys.get(sealedWith);
            if (k == null) {
                throw new IllegalStateException("image " + imageKey + " was sealed with key " + sealedWith
                        + ", which is neither sadasya.image-key nor one of sadasya.image-previous-keys");
            }
            return open(imageKey, k, file, MAGIC.length + KEY_ID_BYTES)
                    .orElseThrow(() -> new IllegalStateException("image " + imageKey + " does not decrypt with key " + sealedWith));
        }
        if (startsWith(file, MAGIC_WITHOUT_KEY_ID) && file.length >= MAGIC_WITHOUT_KEY_ID.length + NONCE_BYTES) {
            for (SecretKey k : keys.values()) {
                Optional<byte[]> plain = open(imageKey, k, file, MAGIC_WITHOUT_KEY_ID.length);
                if (plain.isPresent()) {
                    return plain.get();
                }
            }
            throw new IllegalStateException("image " + imageKey + " does not decrypt with any configured image key");
        }
        throw new IllegalStateException("image " + imageKey + " is not an encrypted image file");
    }

    /**
     * Seals the image again under the current key when another key sealed it (after a rotation), in
     * place: a temporary file forced to disk, then an atomic rename, so a reader sees the old file or
     * the new one, both readable while the previous key is configured. Returns whether it rewrote it.
     */
    public boolean reseal(String imageKey) {
        Path target = path(imageKey);
        byte[] file;
        try {
            file = Files.readAllBytes(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + imageKey, e);
        }
        if (startsWith(file, MAGIC) && file.length >= MAGIC.length + KEY_ID_BYTES
                && keyId.equals(new String(file, MAGIC.length, KEY_ID_BYTES, StandardCharsets.US_ASCII))) {
            return false;
        }
        write(imageKey, seal(imageKey, get(imageKey)));
        return true;
    }

    /** The image keys of every stored file, for {@link #reseal}. */
    public List<String> imageKeys() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var files = Files.walk(root, 2)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{32}\\.img"))
                    .map(n -> n.substring(0, 32)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the image store " + root, e);
        }
    }

    /** The key id new files are sealed with. */
    public String keyId() {
        return keyId;
    }

    /** Decrypts {@code file} from {@code at} (nonce, ciphertext, tag); empty when the key or the file is wrong. */
    private static Optional<byte[]> open(String imageKey, SecretKey k, byte[] file, int at) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(TAG_BITS, file, at, NONCE_BYTES));
            c.updateAAD(imageKey.getBytes(StandardCharsets.US_ASCII));
            return Optional.of(c.doFinal(file, at + NONCE_BYTES, file.length - at - NONCE_BYTES));
        } catch (javax.crypto.AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private static boolean startsWith(byte[] file, byte[] magic) {
        return file.length >= magic.length && Arrays.equals(file, 0, magic.length, magic, 0, magic.length);
    }

    private static List<SecretKey> concat(SecretKey first, List<SecretKey> rest) {
        List<SecretKey> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    public void delete(String imageKey) {
        try {
            Files.deleteIfExists(path(imageKey));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete image " + imageKey, e);
        }
    }

    Path path(String imageKey) {
        if (!imageKey.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not an image key");
        }
        return root.resolve(imageKey.substring(0, 2)).resolve(imageKey + ".img");
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot sync a directory; the file itself is already forced.
        }
    }
}
