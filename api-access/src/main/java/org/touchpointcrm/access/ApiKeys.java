package org.touchpointcrm.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Finds the client of a presented key by comparing SHA-256 digests in constant time, so neither
 * the keys nor their timing leak. A fast hash, not a key-derivation function: keys are 256 random bits
 * ({@code openssl rand -hex 32}), which no speed of guessing recovers from a leaked digest, while a KDF would
 * make every request slow (docs/security.md, "API keys: a SHA-256 digest"). The local stack's example keys,
 * whose digests anyone can compute, are refused at start (LocalStackExamples).
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
