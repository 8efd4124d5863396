package org.sadasya.lab.identities;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The fixed split by identity name: a person is held back from every tuning choice when the first
 * byte of the SHA-256 of their name (UTF-8, as written in the manifests) is below 64, about a
 * quarter of the people. The same name in two folders is the same person, so it falls on one side.
 */
public final class HeldBackSplit {
    private HeldBackSplit() {}

    public static boolean isHeldBack(String identity) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return (h[0] & 0xff) < 64;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
