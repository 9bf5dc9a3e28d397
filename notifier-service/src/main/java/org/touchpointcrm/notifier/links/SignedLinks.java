package org.touchpointcrm.notifier.links;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
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
 * click redirect into an open redirect by editing a link.
 */
@Component
public class SignedLinks {

    public static final String UNSUBSCRIBE_PATH = "/l/unsubscribe/";
    public static final String OPEN_PATH = "/l/open/";
    public static final String CLICK_PATH = "/l/click/";

    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "1";
    /** Separates the fields of a token; never in an id, a channel, a purpose or a URL (which is percent-encoded). */
    private static final char SEPARATOR = '\n';
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What an action's link was made for: the subject, and the click's target (null for other actions). */
    public record Verified(LinkSubject subject, String target) {
    }

    private enum Action { UNSUBSCRIBE, OPEN, CLICK }

    private final URI baseUrl;
    private final SecretKeySpec key;

    public SignedLinks(LinkProperties properties) {
        this.baseUrl = properties.baseUrl();
        this.key = new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
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
        String payload = String.join(String.valueOf(SEPARATOR), VERSION, action.name(), s.sendId(), s.customerId(),
                s.campaignId(), s.channel().name(), s.consentPurpose() == null ? "" : s.consentPurpose(), target);
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    private Optional<Verified> verify(Action action, String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            List<String> f = List.of(new String(payload, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1));
            if (f.size() != 8 || !VERSION.equals(f.get(0)) || !action.name().equals(f.get(1))) {
                return Optional.empty();
            }
            var subject = new LinkSubject(f.get(2), f.get(3), f.get(4), Channel.valueOf(f.get(5)),
                    f.get(6).isEmpty() ? null : f.get(6));
            return Optional.of(new Verified(subject, f.get(7).isEmpty() ? null : f.get(7)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64url, or not a channel: not a link we made
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
