package org.touchpointcrm.segmentation.members;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.touchpointcrm.segmentation.stats.InvalidStatsQueryException;

/**
 * Where a page of members ends: a partition of the members store and the last customerId read in it
 * (null: the partition from its start). It names no instance, so it stays valid while partitions move
 * between instances; the partitions are read in order, each in customerId order. Opaque to clients:
 * base64url of {@code m1:<partition>:<customerId>}.
 */
public record MembersCursor(int partition, String after) {

    /** The first page. */
    public static final MembersCursor START = new MembersCursor(0, null);
    /** Longer than any cursor this service writes (customer ids are bounded by ingest). */
    static final int LONGEST = 1024;
    private static final String VERSION = "m1:";

    public String encode() {
        String plain = VERSION + partition + ":" + (after == null ? "" : after);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @param partitions how many partitions the members store has */
    public static MembersCursor parse(String cursor, int partitions) {
        if (cursor == null) {
            return START;
        }
        if (cursor.length() > LONGEST) {
            throw refused(cursor.length() + " characters long");
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused("not one this service wrote");
        }
        int colon = plain.indexOf(':', VERSION.length());
        if (!plain.startsWith(VERSION) || colon < 0) {
            throw refused("not one this service wrote");
        }
        int partition;
        try {
            partition = Integer.parseInt(plain.substring(VERSION.length(), colon));
        } catch (NumberFormatException e) {
            throw refused("not one this service wrote");
        }
        if (partition < 0 || partition >= partitions) {
            throw refused("for a partition this service does not have");
        }
        String after = plain.substring(colon + 1);
        return new MembersCursor(partition, after.isEmpty() ? null : after);
    }

    private static InvalidStatsQueryException refused(String why) {
        return new InvalidStatsQueryException("cursor", "the cursor is " + why + "; pass the nextCursor of the"
                + " previous page as it came, or leave it out to start from the first page");
    }
}
