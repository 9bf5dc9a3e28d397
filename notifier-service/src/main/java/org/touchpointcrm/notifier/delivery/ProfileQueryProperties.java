package org.touchpointcrm.notifier.delivery;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/** @param profileQueryUrl segmentation-streams' REST root, where the live profile (and its consents) is read */
@Validated
@ConfigurationProperties("crm.notifier")
public record ProfileQueryProperties(@NotNull URI profileQueryUrl) {
}
