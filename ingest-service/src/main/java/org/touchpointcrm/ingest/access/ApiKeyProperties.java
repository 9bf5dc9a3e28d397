package org.touchpointcrm.ingest.access;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.touchpointcrm.access.AccessProperties;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The API keys of the channel systems, under {@code crm.ingest.access}: how to mint and revoke one is
 * on {@link AccessProperties}.
 *
 * @param keys             the keys
 * @param defaultRateLimit events per second a key may send unless it has its own limit
 */
@Validated
@ConfigurationProperties("crm.ingest.access")
public record ApiKeyProperties(@NotNull List<@Valid Key> keys, @Positive int defaultRateLimit)
        implements AccessProperties {
}
