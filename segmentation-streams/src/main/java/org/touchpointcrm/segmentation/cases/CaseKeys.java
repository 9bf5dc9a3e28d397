package org.touchpointcrm.segmentation.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * How cases are keyed. All cases of one store live in one partition (so a new suggestion can be matched against the
 * store's open cases, and staff can group them), which is why a case id starts with its store key: any instance
 * finds the owner of a case from its id alone.
 */
public final class CaseKeys {

    /** The store key of a touchpoint without a storeId (web or e-mail feedback). */
    public static final String ONLINE = "online";
    public static final int MAX_STORE_KEY = 64;
    /** Separates the store key from the hash in a case id; never part of a store key. */
    public static final char SEPARATOR = '~';
    public static final int MAX_CASE_ID = MAX_STORE_KEY + 1 + 12;

    private CaseKeys() {
    }

    /** The storeId lower-cased, every character other than a-z, 0-9 and '-' as '-', at most 64; "online" if none. */
    public static String storeKey(String storeId) {
        if (storeId == null || storeId.isBlank()) {
            return ONLINE;
        }
        String key = storeId.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return key.length() > MAX_STORE_KEY ? key.substring(0, MAX_STORE_KEY) : key;
    }

    /** A case id: the store key, '~', and 12 hex digits of SHA-256 over the first raiser's eventId (deterministic on replay). */
    public static String caseId(String storeKey, String firstEventId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(firstEventId.getBytes(StandardCharsets.UTF_8));
            return storeKey + SEPARATOR + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The store key a case id names, if it is shaped like one. */
    public static Optional<String> storeKeyOf(String caseId) {
        if (caseId == null || caseId.length() > MAX_CASE_ID || !caseId.matches("[a-z0-9-]{1,64}~[0-9a-f]{12}")) {
            return Optional.empty();
        }
        return Optional.of(caseId.substring(0, caseId.indexOf(SEPARATOR)));
    }

    /** Whether a text is shaped like a store key (a list's filter). */
    public static boolean isStoreKey(String text) {
        return text != null && text.matches("[a-z0-9-]{1," + MAX_STORE_KEY + "}");
    }
}
