package org.touchpointcrm.notifier.reactions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The X-Twilio-Signature of a webhook call: base64(HMAC-SHA1(auth token, the full URL followed by each
 * POST parameter's name and value, sorted by name)). Only the gateway knows the auth token, so a
 * matching signature proves the call came from it.
 */
final class TwilioSignature {

    private static final String ALGORITHM = "HmacSHA1";

    private TwilioSignature() {
    }

    static String of(String authToken, String url, Map<String, List<String>> parameters) {
        var data = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, values) -> values.forEach(value -> data.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    /** Compared in constant time, so the signature cannot be guessed byte by byte. */
    static boolean matches(String signature, String authToken, String url, Map<String, List<String>> parameters) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected = of(authToken, url, parameters).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
