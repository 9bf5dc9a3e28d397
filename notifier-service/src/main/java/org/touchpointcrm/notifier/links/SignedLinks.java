package org.touchpointcrm.notifier.links;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.touchpointcrm.avro.Channel;

/**
 * The links notifier-service puts in messages (RFC 8058 one-click unsubscribe, the open pixel, tracked
 * clicks) and reads back. A link carries its {@link LinkSubject} (and a click its target) and an
 * HMAC-SHA256 over them, so nobody can unsubscribe someone else, count an open that was not, or turn the
 * click redirect into an open redirect by editing a link. It also names the id of the key that signed it:
 * new links are signed with the current key, links signed with a previous one are still accepted until that
 * key is removed, and a link naming a key not configured is refused like a bad signature (docs/security.md).
 */
@Component
public class SignedLinks {

    public static final String UNSUBSCRIBE_PATH = "/l/unsubscribe/";
    public static final String OPEN_PATH = "/l/open/";
    public static final String CLICK_PATH = "/l/click/";

    private static final String ALGORITHM = "HmacSHA256";
    /** 2: with the key id and the send time; links of version 1 (before key ids) are no longer accepted. */
    private static final String VERSION = "2";
    private static final int FIELDS = 10;
    /** Separates the fields of a token; never in an id, a channel, a purpose or a URL (which is percent-encoded). */
    private static final char SEPARATOR = '\n';
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What an action's link was made for: the subject, and the click's target (null for other actions). */
    public record Verified(LinkSubject subject, String target) {
    }

    private enum Action { UNSUBSCRIBE, OPEN, CLICK }

    private final URI baseUrl;
    private final String keyId;
    /** The current key and the previous ones, by key id. */
    private final Map<String, SecretKeySpec> keys = new HashMap<>();

    public SignedLinks(LinkProperties properties) {
        this.baseUrl = properties.baseUrl();
        this.keyId = properties.keyId();
        properties.previousSecrets().forEach((id, secret) -> keys.put(id, key(secret)));
        keys.put(keyId, key(properties.secret()));
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The RFC 8058 one-click unsubscribe URL (List-Unsubscribe; POST unsubscribes, GET asks first). */
    public String unsubscribeUrl(LinkSubject subject) {
        return url(UNSUBSCRIBE_PATH, token(Action.UNSUBSCRIBE, subject, ""));
    }

    /** The tracking pixel's URL. */
    public String openUrl(LinkSubject subject) {
        return url(OPEN_PATH, token(Action.OPEN, subject, "")) + ".gif";
    }

    /** A URL that counts the click and redirects to {@code target}. */
    public String clickUrl(LinkSubject subject, String target) {
        return url(CLICK_PATH, token(Action.CLICK, subject, target));
    }

    public Optional<Verified> verifyUnsubscribe(String token) {
        return verify(Action.UNSUBSCRIBE, token);
    }

    /** @param token the path segment after {@link #OPEN_PATH}, with or without its {@code .gif} */
    public Optional<Verified> verifyOpen(String token) {
        return verify(Action.OPEN, token.endsWith(".gif") ? token.substring(0, token.length() - 4) : token);
    }

    public Optional<Verified> verifyClick(String token) {
        return verify(Action.CLICK, token);
    }

    private String url(String path, String token) {
        return UriComponentsBuilder.fromUri(baseUrl).path(path).path(token).build().toUriString();
    }

    private String token(Action action, LinkSubject s, String target) {
        String payload = String.join(String.valueOf(SEPARATOR), VERSION, keyId, action.name(), s.sendId(), s.customerId(),
                s.campaignId(), s.channel().name(), s.consentPurpose() == null ? "" : s.consentPurpose(),
                s.sentAt() == null ? "" : Long.toString(s.sentAt().toEpochMilli()), target);
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(keys.get(keyId), bytes));
    }

    private Optional<Verified> verify(Action action, String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            List<String> f = List.of(new String(payload, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1));
            // The key id is read before the signature is checked, and only to choose the key: an unknown one is refused.
            SecretKeySpec key = f.size() == FIELDS && VERSION.equals(f.get(0)) ? keys.get(f.get(1)) : null;
            if (key == null || !MessageDigest.isEqual(mac(key, payload), signature) || !action.name().equals(f.get(2))) {
                return Optional.empty();
            }
            var subject = new LinkSubject(f.get(3), f.get(4), f.get(5), Channel.valueOf(f.get(6)),
                    f.get(7).isEmpty() ? null : f.get(7), f.get(8).isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(f.get(8))));
            return Optional.of(new Verified(subject, f.get(9).isEmpty() ? null : f.get(9)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64url, or not a channel or a time: not a link we made
        }
    }

    private static byte[] mac(SecretKeySpec key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
