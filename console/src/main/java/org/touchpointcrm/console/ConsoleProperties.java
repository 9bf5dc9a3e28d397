package org.touchpointcrm.console;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Where the services are (their public ports), and optionally their management ports for the overview's
 * operational figures (touchpoints per minute, dead letters); without a management URL that figure is
 * shown as not configured.
 *
 * @param ingestUrl              ingest-service's public address
 * @param segmentationUrl        segmentation-streams' public address
 * @param notifierUrl            notifier-service's public address
 * @param ingestManagementUrl    ingest-service's management port (actuator), optional
 * @param segmentationManagementUrl segmentation-streams' management port, optional
 * @param pollInterval           how often the overview refreshes itself in the browser
 * @param defaultRegion          ISO 3166 region of a phone number searched for without a country code; keep it equal
 *                               to ingest's {@code crm.ingest.default-region} (default FI)
 */
@Validated
@ConfigurationProperties("crm.console")
public record ConsoleProperties(@NotNull URI ingestUrl, @NotNull URI segmentationUrl, @NotNull URI notifierUrl,
                                URI ingestManagementUrl, URI segmentationManagementUrl, Duration pollInterval,
                                String defaultRegion) {

    public ConsoleProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? "FI" : defaultRegion.strip();
        ingestManagementUrl = blankIsNone(ingestManagementUrl);
        segmentationManagementUrl = blankIsNone(segmentationManagementUrl);
    }

    private static URI blankIsNone(URI url) {
        return url == null || url.toString().isBlank() ? null : url;
    }
}
