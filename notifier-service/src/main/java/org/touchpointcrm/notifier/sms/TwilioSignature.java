package org.touchpointcrm.notifier.sms;

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
 * {@value SmsWebhooks#SIGNATURE_HEADER} as Twilio computes it: base64 of HMAC-SHA1 with the auth token over the
 * full URL followed by each POST parameter's name and value, sorted by name. Only the gateway and we know the
 * token, so a matching signature proves a webhook call came from the gateway.
 */
public final class TwilioSignature {

    private static final String ALGORITHM = "HmacSHA1";

    private TwilioSignature() {
    }

    /** The signature of a call whose parameters have one value each. */
    public static String sign(String authToken, String url, Map<String, String> parameters) {
        var all = new TreeMap<String, List<String>>();
        parameters.forEach((name, value) -> all.put(name, List.of(value)));
        return of(authToken, url, all);
    }

    /** The signature of a call; a parameter given more than once counts with each value, in order. */
    public static String of(String authToken, String url, Map<String, List<String>> parameters) {
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
    public static boolean matches(String signature, String authToken, String url, Map<String, List<String>> parameters) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected = of(authToken, url, parameters).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
