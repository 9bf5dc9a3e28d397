package org.touchpointcrm.segmentation.access;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.touchpointcrm.access.AccessProperties;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The API keys of segmentation-streams, under {@code crm.segmentation.access}: the marketers' keys,
 * the service keys of ingest-service and the notifier (PROFILES_READ), and the instances' own key.
 * How to mint and revoke one is on {@link AccessProperties}; none of these keys names channels.
 *
 * @param keys        the keys; none by default, and then every request is refused
 * @param instanceKey the key this instance sends when it asks another instance for its part of an
 *                    answer ({@link org.touchpointcrm.segmentation.query.PeerInstances}); its SHA-256 is
 *                    one of {@code keys}, with the operation INSTANCE_QUERIES only. Empty with a single
 *                    instance, which asks nobody. The same on every instance.
 */
@Validated
@ConfigurationProperties("crm.segmentation.access")
public record SegmentationAccessProperties(@NotNull List<@Valid Key> keys, String instanceKey) implements AccessProperties {
}
