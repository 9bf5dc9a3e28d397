package org.touchpointcrm.ingest.access;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.touchpointcrm.avro.Channel;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * The API keys of the channel systems, under {@code crm.ingest.access}. Only the SHA-256 of a key
 * is configured, never the key: mint one with {@code openssl rand -hex 32}, give the key to the
 * channel system, and put {@code printf %s KEY | sha256sum} here. Removing an entry revokes it.
 *
 * @param keys             the keys
 * @param defaultRateLimit events per second a key may send unless it has its own limit
 */
@Validated
@ConfigurationProperties("crm.ingest.access")
public record ApiKeyProperties(@NotNull List<@Valid Key> keys, @Positive int defaultRateLimit) {

    /**
     * @param name       the channel system, as it appears in logs, metrics and the events' source
     * @param sha256     lower-case hex SHA-256 of the key
     * @param channels   the channels whose touchpoints it may send
     * @param operations what it may do
     * @param rateLimit  events per second; 0 means the default
     */
    public record Key(@NotBlank String name, @NotNull @Pattern(regexp = "[0-9a-f]{64}",
            message = "must be the 64 lower-case hex digits of the key's SHA-256") String sha256,
                      @NotNull Set<Channel> channels, @NotEmpty Set<Operation> operations, int rateLimit) {
    }
}
