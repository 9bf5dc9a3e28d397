package org.touchpointcrm.notifier.campaigns;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The holdout: a customer is in a campaign's control group when a hash of (campaign id, customer id) falls
 * into 0..99 below the holdout percentage. A pure function of the two ids, so the same customer is in the
 * same group on every instance, after every restart and for every change that triggers the campaign.
 */
public final class ControlGroup {

    private ControlGroup() {
    }

    public static boolean isHeldOut(String campaignId, String customerId, int holdoutPercent) {
        return bucket(campaignId, customerId) < holdoutPercent;
    }

    /** 0..99, uniform over customer ids. SHA-256 rather than String.hashCode: well spread and fixed by its spec. */
    static int bucket(String campaignId, String customerId) {
        byte[] digest = sha256().digest((campaignId + '\n' + customerId).getBytes(StandardCharsets.UTF_8));
        long unsigned = ByteBuffer.wrap(digest, 0, Integer.BYTES).getInt() & 0xFFFF_FFFFL;
        return (int) (unsigned % 100);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
