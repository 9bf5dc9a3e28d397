package org.touchpointcrm.segmentation.definitions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Customers as a preview shows them: a keyed hash of the id (HMAC-SHA256, the first 64 bits), never
 * the id itself, which for a customer known only by an identifier is {@code email:<address>}. The key
 * is drawn at random when the instance starts and never leaves it: a pseudonym is stable while the
 * instance runs (two previews of similar rules show the same customer the same way), and cannot be
 * turned back into an id or compared with another instance's.
 */
final class SamplePseudonyms {

    static final String PREFIX = "p-";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int BYTES_SHOWN = 8;

    private final SecretKeySpec key;
    /** A Mac is not thread-safe; previews run on request threads. */
    private final ThreadLocal<Mac> macs;

    SamplePseudonyms() {
        this(randomKey());
    }

    SamplePseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    String of(String customerId) {
        byte[] digest = macs.get().doFinal(customerId.getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().formatHex(digest, 0, BYTES_SHOWN);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
