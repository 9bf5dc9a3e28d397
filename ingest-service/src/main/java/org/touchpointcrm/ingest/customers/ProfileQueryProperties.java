package org.touchpointcrm.ingest.customers;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * @param profileQueryUrl    segmentation-streams' base address (scheme, host, port), whose
 *                           {@code /v1/customers/{id}/profile} answers {@code GET /v1/customers/{id}}
 * @param profileQueryApiKey ingest-service's own key for it: segmentation-streams knows its SHA-256, with
 *                           the operation PROFILES_READ (docs/security.md, Routes and scopes). A secret:
 *                           give it from the environment ({@code CRM_INGEST_PROFILEQUERYAPIKEY}), never in a file
 */
@Validated
@ConfigurationProperties("crm.ingest")
public record ProfileQueryProperties(@NotNull URI profileQueryUrl, @NotBlank String profileQueryApiKey) {
}
