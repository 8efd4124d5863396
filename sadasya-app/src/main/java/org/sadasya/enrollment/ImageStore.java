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
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Face images on disk, encrypted at rest with AES-256-GCM: one random 96-bit nonce per image, the
 * image's key as associated data (a file renamed to another key does not decrypt). Files are
 * written to a temporary name, forced to disk and renamed, so a stored image is complete and durable.
 *
 * <p>File layout: {@code "SDY1" | nonce (12 bytes) | ciphertext + tag}.
 */
public final class ImageStore {

    private static final byte[] MAGIC = "SDY1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final SecretKey key;

    public ImageStore(Path root, SecretKey key) {
        if (key.getEncoded().length != 32) {
            throw new IllegalArgumentException("the image key must be 256 bits");
        }
        this.root = root;
        this.key = key;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the image store " + root, e);
        }
    }

    /** Encrypts and stores the image durably; returns its key. */
    public String put(byte[] plain) {
        String imageKey = UUID.randomUUID().toString().replace("-", "");
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
        Path target = path(imageKey);
        try {
            if (!Files.isDirectory(target.getParent())) {
                Files.createDirectories(target.getParent());
                forceDirectory(root); // the new subdirectory's entry must be durable too
            }
            Path tmp = target.resolveSibling(imageKey + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + NONCE_BYTES + sealed.length);
                buf.put(MAGIC).put(nonce).put(sealed).flip();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store image " + imageKey, e);
        }
        return imageKey;
    }

    public byte[] get(String imageKey) {
        byte[] file;
        try {
            file = Files.readAllBytes(path(imageKey));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + imageKey, e);
        }
        if (file.length < MAGIC.length + NONCE_BYTES || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalStateException("image " + imageKey + " is not an encrypted image file");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, file, MAGIC.length, NONCE_BYTES));
            c.updateAAD(imageKey.getBytes(StandardCharsets.US_ASCII));
            return c.doFinal(file, MAGIC.length + NONCE_BYTES, file.length - MAGIC.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("image " + imageKey + " does not decrypt with this key", e);
        }
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
