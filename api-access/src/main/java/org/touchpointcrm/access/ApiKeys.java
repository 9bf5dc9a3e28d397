package org.touchpointcrm.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Finds the client of a presented key by comparing SHA-256 digests in constant time, so neither
 * the keys nor their timing leak.
 */
public class ApiKeys {

    private final List<Entry> entries;

    public ApiKeys(AccessProperties properties) {
        this.entries = properties.keys().stream()
                .map(k -> new Entry(HexFormat.of().parseHex(k.sha256()),
                        new ApiClient(k.name(), k.channels(), k.operations())))
                .toList();
    }

    public Optional<ApiClient> find(String presentedKey) {
        byte[] digest = sha256(presentedKey);
        ApiClient found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = entry.client();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Hex SHA-256 of a key, as configured. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Entry(byte[] digest, ApiClient client) {
    }
}
