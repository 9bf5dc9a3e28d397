package org.touchpointcrm.notifier.access;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.touchpointcrm.access.AccessProperties;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The API keys of notifier-service, under {@code crm.notifier.access}: the marketers' keys for
 * {@code /v1/campaigns}. How to mint and revoke one is on {@link AccessProperties}; a marketer's key
 * names no channels.
 *
 * @param keys        the keys; none by default, and then every campaign request is refused
 * @param instanceKey the key this instance sends when it asks the instance that keeps a campaign's results for
 *                    them ({@link org.touchpointcrm.notifier.results.ResultsOwners}); its SHA-256 is one of
 *                    {@code keys}, with the operation INSTANCE_QUERIES only. Empty with a single instance, which asks
 *                    nobody. The same on every instance.
 */
@Validated
@ConfigurationProperties("crm.notifier.access")
public record NotifierAccessProperties(@NotNull List<@Valid Key> keys, String instanceKey) implements AccessProperties {
}
