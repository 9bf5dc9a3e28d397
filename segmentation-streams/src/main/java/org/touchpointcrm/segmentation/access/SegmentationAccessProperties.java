package org.touchpointcrm.segmentation.access;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.touchpointcrm.access.AccessProperties;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The API keys of segmentation-streams, under {@code crm.segmentation.access}: the marketers' keys
 * for {@code /v1/segment-definitions}. How to mint and revoke one is on {@link AccessProperties};
 * a marketer's key names no channels.
 *
 * @param keys the keys; none by default, and then every segment-definition request is refused
 */
@Validated
@ConfigurationProperties("crm.segmentation.access")
public record SegmentationAccessProperties(@NotNull List<@Valid Key> keys) implements AccessProperties {
}
