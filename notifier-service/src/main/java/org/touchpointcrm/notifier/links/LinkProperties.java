package org.touchpointcrm.notifier.links;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * @param baseUrl where customers reach this notifier from the outside (the links in messages point there)
 * @param secret  the HMAC key links are signed with; at least 32 characters, the same on every instance.
 *                Changing it makes the links in messages already sent invalid
 */
@Validated
@ConfigurationProperties("crm.notifier.links")
public record LinkProperties(@NotNull URI baseUrl, @NotNull @Size(min = 32) String secret) {
}
