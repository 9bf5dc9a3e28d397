package org.touchpointcrm.ingest.customers;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param profileQueryUrl segmentation-streams' base address (scheme, host, port), whose
 *                        {@code /v1/customers/{id}/profile} answers {@code GET /v1/customers/{id}}
 */
@Validated
@ConfigurationProperties("crm.ingest")
public record ProfileQueryProperties(@NotNull URI profileQueryUrl) {
}
