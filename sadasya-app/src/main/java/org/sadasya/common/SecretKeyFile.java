package org.sadasya.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a 256-bit service key comes from (DESIGN.md, "Storage"). There is no built-in key: a
 * configured key (base64 of 32 bytes) wins; only the embedded default may generate one, into the
 * data directory, readable by the owner only. The key itself is never logged.
 *
 * @param setting   the configuration property that holds the key, named in errors
 * @param env       its environment variable
 * @param algorithm the JCA algorithm the key is for ({@code AES}, {@code HmacSHA256})
 * @param purpose   what the key protects, for the log line that announces a generated key
 */
public record SecretKeyFile(String setting, String env, String algorithm, String purpose) {

    private static final Logger log = LoggerFactory.getLogger(SecretKeyFile.class);
    private static final int KEY_BYTES = 32;

    public SecretKey resolve(String configured, boolean mayGenerate, Path keyFile) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.trim(), setting);
        }
        if (!mayGenerate) {
            throw new IllegalStateException("no " + purpose + " key: set " + setting + " (" + env + ") to the base64 of "
                    + KEY_BYTES + " random bytes; only the embedded H2 default generates one");
        }
        try {
            if (Files.exists(keyFile)) {
                return decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim(), keyFile.toString());
            }
            byte[] raw = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(raw);
            Files.createDirectories(keyFile.getParent());
            try {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(keyFile);
            }
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(raw), StandardCharsets.US_ASCII);
            log.warn("generated a new {} key in {} (owner-only); back it up", purpose, keyFile);
            return new SecretKeySpec(raw, algorithm);
        } catch (FileAlreadyExistsException e) {
            return resolve(null, true, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the " + purpose + " key file " + keyFile, e);
        }
    }

    /**
     * Keys retired from use but still needed to read or verify what they sealed: a comma-separated
     * list of base64 keys ({@code setting}'s {@code -previous-keys} companion), blank for none.
     */
    public List<SecretKey> previous(String configuredList, String listSetting) {
        List<SecretKey> keys = new ArrayList<>();
        if (configuredList != null) {
            for (String part : configuredList.split(",")) {
                if (!part.isBlank()) {
                    keys.add(decode(part.trim(), listSetting));
                }
            }
        }
        return List.copyOf(keys);
    }

    /**
     * A key's public name: the first 8 hex digits of SHA-256 over a fixed label and the key. It
     * tells which key sealed a file without revealing the key, and needs no configuration.
     */
    public static String keyId(SecretKey key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("sadasya-key-id\n".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(key.getEncoded()), 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private SecretKey decode(String base64, String source) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must hold " + KEY_BYTES + " bytes, has " + raw.length);
        }
        return new SecretKeySpec(raw, algorithm);
    }
}
