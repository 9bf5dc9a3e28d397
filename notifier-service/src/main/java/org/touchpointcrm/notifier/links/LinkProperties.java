package org.touchpointcrm.notifier.links;

import java.net.URI;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The links in messages and the keys they are signed with. Each link names the id of its key, so the secret
 * can be rotated without breaking the links already sent: docs/security.md, "Secrets".
 *
 * @param baseUrl         where customers reach this notifier from the outside (the links in messages point there)
 * @param keyId           the id of {@code secret}, written into every new link: lower-case letters and digits
 * @param secret          the HMAC key new links are signed with; at least 32 characters (openssl rand -hex 32),
 *                        the same on every instance
 * @param previousSecrets older secrets by key id, still accepted for the links already sent until removed; a
 *                        link whose key id is neither {@code keyId} nor one of these is refused
 */
@Validated
@ConfigurationProperties("crm.notifier.links")
public record LinkProperties(@NotNull URI baseUrl,
                             @NotNull @Pattern(regexp = KEY_ID, message = KEY_ID_MESSAGE) @DefaultValue("1") String keyId,
                             @NotNull @Size(min = 32) String secret,
                             @NotNull @DefaultValue Map<@Pattern(regexp = KEY_ID, message = KEY_ID_MESSAGE) String,
                                     @NotNull @Size(min = 32) String> previousSecrets) {

    /** Survives every way Spring Boot reads a map key, environment variables (no '-', upper case folded) included. */
    static final String KEY_ID = "[a-z0-9]{1,32}";
    static final String KEY_ID_MESSAGE = "must be 1 to 32 lower-case letters and digits, e.g. 202612";

    @ConstructorBinding
    public LinkProperties {
        previousSecrets = Map.copyOf(previousSecrets == null ? Map.of() : previousSecrets);
        if (keyId != null && previousSecrets.containsKey(keyId)) {
            throw new IllegalArgumentException("crm.notifier.links.previous-secrets holds key id '" + keyId
                    + "', which is crm.notifier.links.key-id: give the new secret a new key id, and the old one keeps its own");
        }
    }

    /** One secret, not rotated yet: key id 1. */
    public LinkProperties(URI baseUrl, String secret) {
        this(baseUrl, "1", secret, Map.of());
    }
}
