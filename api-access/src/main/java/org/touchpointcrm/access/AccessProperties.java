package org.touchpointcrm.access;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.touchpointcrm.avro.Channel;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The API keys a service knows. Each service binds its own under its own prefix, as a validated
 * {@code @ConfigurationProperties} record that implements this ({@code crm.ingest.access},
 * {@code crm.segmentation.access}): an interface rather than a shared record, because Spring Boot
 * binds a record only when the record itself names the prefix. Only the SHA-256 of a key is
 * configured, never the key: mint one with {@code openssl rand -hex 32} (random, never chosen: the digest
 * protects only a random key), give the key to its holder, and configure {@code printf %s KEY | sha256sum}.
 * Removing an entry revokes the key; the local stack's example keys are refused outside it (docs/security.md).
 */
public interface AccessProperties {

    /** The keys; the implementing record validates each ({@code List<@Valid Key>}). */
    List<Key> keys();

    /**
     * @param name       the channel system or person, as it appears in logs, metrics and the events' source
     * @param sha256     lower-case hex SHA-256 of the key
     * @param channels   the channels whose touchpoints it may send; none if left out (a marketer's key)
     * @param operations what it may do
     * @param rateLimit  events per second, where the service limits rates; 0 means the service's default
     */
    record Key(@NotBlank String name, @NotNull @Pattern(regexp = "[0-9a-f]{64}",
            message = "must be the 64 lower-case hex digits of the key's SHA-256") String sha256,
               @NotNull @DefaultValue Set<Channel> channels, @NotEmpty Set<Operation> operations, int rateLimit) {
    }
}
