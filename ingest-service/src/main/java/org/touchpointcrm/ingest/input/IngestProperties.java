package org.touchpointcrm.ingest.input;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * @param ackTimeout      how long a request waits for the broker's acknowledgement before it answers 503
 * @param maxFutureSkew   how far in the future an occurredAt may lie (clocks of tills drift)
 * @param maxAge          how far in the past an occurredAt may lie, unless the event is an import
 * @param defaultRegion   ISO 3166 region for phone numbers written without a country code
 */
@Validated
@ConfigurationProperties("crm.ingest")
public record IngestProperties(@NotNull Duration ackTimeout, @NotNull Duration maxFutureSkew,
                               @NotNull Duration maxAge, @NotBlank String defaultRegion) {
}
