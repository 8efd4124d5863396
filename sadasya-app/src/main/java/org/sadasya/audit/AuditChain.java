package org.sadasya.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.sadasya.common.Hashes;

/**
 * The audit log's hash chain: a row's hash covers the previous row's hash and every field of the
 * row, so changing, deleting or re-ordering a row breaks every link after it. Timestamps enter as
 * whole microseconds since the epoch, the precision both databases keep.
 */
public final class AuditChain {

    /** The link before the first chained row. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /** The instant as it is stored and hashed: truncated to microseconds. */
    public static OffsetDateTime stored(OffsetDateTime at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    public static String hash(String prevHash, OffsetDateTime at, String actor, String action, String entityType,
            String entityId, String detail) {
        MessageDigest sha = Hashes.sha256();
        long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, at.toInstant());
        field(sha, prevHash);
        field(sha, Long.toString(micros));
        field(sha, actor);
        field(sha, action);
        field(sha, entityType);
        field(sha, entityId);
        field(sha, detail);
        return HexFormat.of().formatHex(sha.digest());
    }

    // length-prefixed, so that ("ab", "c") and ("a", "bc") hash differently; null differs from ""
    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 1);
        sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }
}
